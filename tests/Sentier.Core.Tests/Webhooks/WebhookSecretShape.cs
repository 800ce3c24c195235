using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

public sealed class WebhookSecretShape
{
    [Fact]
    public void ASecretIsWhsecAndTheBase64Of32RandomBytes()
    {
        var secret = WebhookSecret.Generate();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal(Convert.FromBase64String(secret["whsec_".Length..]), WebhookSecret.DecodeKey(secret));
    }

    [Fact]
    public void SecretsDoNotRepeat()
    {
        var secrets = Enumerable.Range(0, 1000).Select(_ => WebhookSecret.Generate()).ToHashSet();

        Assert.Equal(1000, secrets.Count);
    }

    [Theory]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64")]
    [InlineData("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRY=")]
    [InlineData("WHSEC_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")]
    public void OtherShapesAreNotSecrets(string text)
    {
        Assert.Throws<FormatException>(() => WebhookSecret.DecodeKey(text));
    }
}
