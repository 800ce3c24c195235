using System.Security.Cryptography;

namespace Sentier.Core.Tests.Security;

/// <summary>Anything but the exact value, under the exact owner, purpose and key, fails to decrypt.</summary>
public sealed class SecretProtectorTamperRejection
{
    private static readonly string[] Owner = ["webhook-secret", "account-a", "webhook-1"];

    [Fact]
    public void EveryFlippedBitIsDetected()
    {
        var protector = SecretProtectorRoundTrip.NewProtector();
        var stored = Convert.FromBase64String(protector.Protect("whsec_secret", Owner));

        for (var bit = 0; bit < stored.Length * 8; bit++)
        {
            var altered = (byte[])stored.Clone();
            altered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<CryptographicException>(() => protector.Unprotect(Convert.ToBase64String(altered), Owner));
        }
    }

    [Theory]
    [InlineData("webhook-secret", "account-b", "webhook-1")]
    [InlineData("webhook-secret", "account-a", "webhook-2")]
    [InlineData("facebook-page-token", "account-a", "webhook-1")]
    [InlineData("webhook-secret", "account-awebhook-1", "")]
    [InlineData("webhook-secret", "account-a")]
    [InlineData("webhook-secret", "account-a", "webhook-1", "")]
    public void AnotherOwnerOrPurposeCannotDecrypt(params string[] otherOwner)
    {
        var protector = SecretProtectorRoundTrip.NewProtector();
        var stored = protector.Protect("whsec_secret", Owner);

        Assert.Throws<CryptographicException>(() => protector.Unprotect(stored, otherOwner));
    }

    [Fact]
    public void AnotherKeyCannotDecrypt()
    {
        var stored = SecretProtectorRoundTrip.NewProtector().Protect("whsec_secret", Owner);

        Assert.Throws<CryptographicException>(() => SecretProtectorRoundTrip.NewProtector().Unprotect(stored, Owner));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AQ==")]
    public void MalformedValuesFailTheSameWay(string stored)
    {
        var failure = Assert.Throws<CryptographicException>(() => SecretProtectorRoundTrip.NewProtector().Unprotect(stored, Owner));

        Assert.Contains("does not decrypt", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedOrExtendedValuesFail()
    {
        var protector = SecretProtectorRoundTrip.NewProtector();
        var stored = Convert.FromBase64String(protector.Protect("whsec_secret", Owner));

        Assert.Throws<CryptographicException>(() => protector.Unprotect(Convert.ToBase64String(stored[..^1]), Owner));
        Assert.Throws<CryptographicException>(() => protector.Unprotect(Convert.ToBase64String([.. stored, 0]), Owner));
    }
}
