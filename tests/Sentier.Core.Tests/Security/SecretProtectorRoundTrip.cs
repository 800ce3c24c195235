using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Sentier.Core.Security;

namespace Sentier.Core.Tests.Security;

public sealed class SecretProtectorRoundTrip
{
    internal static SecretProtector NewProtector(string? key = null) =>
        new(Options.Create(new SecretProtectionOptions { EncryptionKey = key ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) }));

    [Theory]
    [InlineData("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")]
    [InlineData("")]
    [InlineData("אסימון דף — page token ✓")]
    public void WhatIsProtectedComesBack(string secret)
    {
        var protector = NewProtector();

        var stored = protector.Protect(secret, "webhook-secret", "account-a", "webhook-1");

        Assert.Equal(secret, protector.Unprotect(stored, "webhook-secret", "account-a", "webhook-1"));
    }

    [Fact]
    public void ALowerCaseKeyWorksLikeItsUpperCaseForm()
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

        var stored = NewProtector(key.ToLowerInvariant()).Protect("s", "p");

        Assert.Equal("s", NewProtector(key).Unprotect(stored, "p"));
    }

    [Fact]
    public void TheSameSecretEncryptsDifferentlyEachTime()
    {
        var protector = NewProtector();

        var first = protector.Protect("whsec_same", "webhook-secret", "a", "w");
        var second = protector.Protect("whsec_same", "webhook-secret", "a", "w");

        Assert.NotEqual(first, second);
        Assert.NotEqual(Convert.FromBase64String(first).AsSpan(1, 12).ToArray(), Convert.FromBase64String(second).AsSpan(1, 12).ToArray());
    }

    [Fact]
    public void TheOutputHoldsNoPlaintextAndStartsWithTheKeyId()
    {
        const string secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        var stored = NewProtector().Protect(secret, "webhook-secret", "a", "w");
        var bytes = Convert.FromBase64String(stored);

        Assert.DoesNotContain("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", stored, StringComparison.Ordinal);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("AAECAwQF")));
        Assert.Equal(SecretProtector.CurrentKeyId, bytes[0]);
        Assert.Equal(1 + 12 + Encoding.UTF8.GetByteCount(secret) + 16, bytes.Length);
    }
}
