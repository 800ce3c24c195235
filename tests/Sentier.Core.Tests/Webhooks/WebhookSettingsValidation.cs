using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>Bad <c>Webhooks</c> settings stop the app at startup with every problem named; good ones reach the services.</summary>
public sealed class WebhookSettingsValidation
{
    private static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings)
    {
        var values = new Dictionary<string, string?>(settings) { ["Sentier:EncryptionKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddMetrics().AddSentierWebhooks(configuration).BuildServiceProvider();
    }

    [Fact]
    public void EveryProblemIsNamed()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Webhooks:RetrySchedule"] = "5,soon",
            ["Webhooks:AllowedNetworks"] = "127.0.0.0/8, 10.0.0.0/33",
            ["Webhooks:AttemptTimeoutSeconds"] = "0",
            ["Webhooks:DisableAfterFailingDays"] = "0",
            ["Webhooks:DeliveryRetentionDays"] = "400",
            ["Webhooks:MaxConcurrentAttemptsPerWebhook"] = "0",
            ["Webhooks:FirstAttemptsPerMessage"] = "17",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Webhooks:RetrySchedule entry 2 ('soon') is not a whole number of seconds.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:AllowedNetworks entry '10.0.0.0/33' is not an IPv4/IPv6 address or CIDR range.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:AttemptTimeoutSeconds must be 1 to 120.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:DisableAfterFailingDays must be more than 0 and at most 365.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:DeliveryRetentionDays must be 1 to 365.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:MaxConcurrentAttemptsPerWebhook must be 1 to 64.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:FirstAttemptsPerMessage must be 1 to 16.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsAreSafe()
    {
        using var provider = Build(new Dictionary<string, string?>());
        provider.GetRequiredService<IStartupValidator>().Validate();

        var options = provider.GetRequiredService<IOptions<WebhookOptions>>().Value;
        Assert.False(options.AllowHttp);
        Assert.Equal(15, options.AttemptTimeoutSeconds);
        Assert.Equal((5, 30, 4, 16), (options.DisableAfterFailingDays, options.DeliveryRetentionDays, options.MaxConcurrentAttemptsPerWebhook, options.FirstAttemptsPerMessage));
        Assert.Equal(10, provider.GetRequiredService<RetrySchedule>().MaxAttempts);
        Assert.NotNull(provider.GetRequiredService<OutboundAddressPolicy>().RefusalReason(System.Net.IPAddress.Loopback));
        Assert.NotNull(provider.GetRequiredService<WebhookSender>());
    }

    [Fact]
    public void ConfiguredValuesReachTheServices()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Webhooks:RetrySchedule"] = "1,2,3",
            ["Webhooks:AllowedNetworks"] = "127.0.0.0/8,::1",
            ["Webhooks:AllowHttp"] = "true",
        });
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal([1, 2, 3], provider.GetRequiredService<RetrySchedule>().Delays.Select(d => d.TotalSeconds));
        Assert.Null(provider.GetRequiredService<OutboundAddressPolicy>().RefusalReason(System.Net.IPAddress.Loopback));
        Assert.Null(provider.GetRequiredService<OutboundAddressPolicy>().RefusalReason(System.Net.IPAddress.IPv6Loopback));
        Assert.True(provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowHttp);
    }
}
