using Microsoft.Extensions.Options;
using Sentier.Core.Accounts;
using Sentier.Core.Common;

namespace Sentier.Core.Tests.Accounts;

public sealed class AdminKeyVerification
{
    private const string Key = "s3cret-Admin-key-0123456789";

    private static AdminKeyVerifier Verifier(string? configuredKey) =>
        new(Options.Create(new SentierOptions { AdminKey = configuredKey }));

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "anything")]
    [InlineData("", "")]
    [InlineData("", "anything")]
    public void NoConfiguredKeyDisablesTheAdminApi(string? configured, string? presented)
    {
        var ex = Assert.Throws<AccessDeniedException>(() => Verifier(configured).Verify(presented));

        Assert.Contains("disabled", ex.Message);
    }

    /// <summary>
    /// Until App Service resolves the Key Vault reference (secret not written yet, role not yet
    /// effective), the setting holds the reference text, which anyone can read in the template.
    /// </summary>
    [Theory]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-test;SecretName=sentier-admin-key)")]
    [InlineData("@microsoft.keyvault(SecretUri=https://kv-test.vault.azure.net/secrets/sentier-admin-key/)")]
    public void UnresolvedKeyVaultReferenceDisablesTheAdminApi(string configured)
    {
        var ex = Assert.Throws<AccessDeniedException>(() => Verifier(configured).Verify(configured));

        Assert.Contains("disabled", ex.Message);
    }

    [Fact]
    public void RightKeyPasses()
    {
        Assert.Null(Record.Exception(() => Verifier(Key).Verify(Key)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void MissingKeyFailsAuthentication(string? presented)
    {
        Assert.Throws<AuthenticationFailedException>(() => Verifier(Key).Verify(presented));
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("S3CRET-ADMIN-KEY-0123456789")]
    [InlineData("s3cret-Admin-key-012345678X")]
    [InlineData(" s3cret-Admin-key-0123456789")]
    public void WrongKeyFailsAuthentication(string presented)
    {
        Assert.Throws<AuthenticationFailedException>(() => Verifier(Key).Verify(presented));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(-20)]
    [InlineData(50)]
    public void KeyOfDifferentLengthFailsAuthentication(int delta)
    {
        var presented = delta < 0 ? Key[..(Key.Length + delta)] : Key + new string('0', delta);

        Assert.Throws<AuthenticationFailedException>(() => Verifier(Key).Verify(presented));
    }

    [Fact]
    public void FailureMessageDoesNotEchoEitherKey()
    {
        var ex = Assert.Throws<AuthenticationFailedException>(() => Verifier(Key).Verify("guess-123"));

        Assert.DoesNotContain(Key, ex.Message);
        Assert.DoesNotContain("guess-123", ex.Message);
    }
}
