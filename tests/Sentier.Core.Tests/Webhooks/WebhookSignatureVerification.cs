using System.Text;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>Signatures pass a verifier written from the spec, and match a vector computed outside .NET.</summary>
public sealed class WebhookSignatureVerification
{
    private const string Secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string PreviousSecret = "whsec_ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    private const string Id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private const long Timestamp = 1700000000;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"ping","data":{"note":"héllo"}}""");

    [Fact]
    public void TheSignatureMatchesAFixedVector()
    {
        // Computed with Python's hmac module: key = bytes 0..31, message = id.timestamp.body (UTF-8).
        Assert.Equal("v1,gjiZ9DJn7hqod4k30RXGdY67TJ/vi8fUWF5mrwo9LPk=", WebhookSignature.Sign(Id, Timestamp, Body, [Secret]));
    }

    [Fact]
    public void DuringRotationBothSecretsSignSpaceSeparated()
    {
        var header = WebhookSignature.Sign(Id, Timestamp, Body, [Secret, PreviousSecret]);

        Assert.Equal("v1,gjiZ9DJn7hqod4k30RXGdY67TJ/vi8fUWF5mrwo9LPk= v1,UA6R3smUMoFWWt9nQvi8G3WwrEiqu6jLmhawpYNtSiY=", header);
        Assert.True(StandardWebhooksVerifier.Verify(Secret, Id, "1700000000", Body, header));
        Assert.True(StandardWebhooksVerifier.Verify(PreviousSecret, Id, "1700000000", Body, header));
        Assert.False(StandardWebhooksVerifier.Verify(WebhookSecret.Generate(), Id, "1700000000", Body, header));
    }

    [Fact]
    public void GeneratedSecretsVerify()
    {
        var secret = WebhookSecret.Generate();

        var header = WebhookSignature.Sign("msg_1", 1_800_000_000, Body, [secret]);

        Assert.True(StandardWebhooksVerifier.Verify(secret, "msg_1", "1800000000", Body, header));
    }

    [Fact]
    public void AnyChangeToIdTimestampOrBodyFailsVerification()
    {
        var header = WebhookSignature.Sign(Id, Timestamp, Body, [Secret]);

        Assert.False(StandardWebhooksVerifier.Verify(Secret, Id + "x", "1700000000", Body, header));
        Assert.False(StandardWebhooksVerifier.Verify(Secret, Id, "1700000001", Body, header));
        Assert.False(StandardWebhooksVerifier.Verify(Secret, Id, "1700000000", [.. Body, (byte)' '], header));
    }

    [Fact]
    public void NoSecretIsAnError()
    {
        Assert.Throws<ArgumentException>(() => WebhookSignature.Sign(Id, Timestamp, Body, []));
    }
}
