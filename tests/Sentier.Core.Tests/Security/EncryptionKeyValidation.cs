using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentier.Core.Security;

namespace Sentier.Core.Tests.Security;

/// <summary>The app does not start without a usable <c>Sentier:EncryptionKey</c>, and says which setting is wrong.</summary>
public sealed class EncryptionKeyValidation
{
    private static void ValidateStartup(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddMetrics().AddSentierWebhooks(configuration).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8=")]
    [InlineData("@Microsoft.KeyVault(VaultName=kv;SecretName=sentier-encryption-key)")]
    public void AMissingOrMalformedKeyStopsStartup(string? key)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => ValidateStartup(new Dictionary<string, string?> { ["Sentier:EncryptionKey"] = key }));

        Assert.Contains("Sentier:EncryptionKey", failure.Message, StringComparison.Ordinal);
        Assert.Contains("64 hexadecimal characters", failure.Message, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(key))
        {
            Assert.DoesNotContain(key, failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A32ByteHexKeyStarts()
    {
        ValidateStartup(new Dictionary<string, string?> { ["Sentier:EncryptionKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) });
    }
}
