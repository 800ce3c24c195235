using Microsoft.Extensions.Options;
using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section (<c>Webhooks__*</c> app settings).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Allows http:// subscription URLs; for local development only.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Comma list of addresses and CIDR ranges webhooks may reach although they are not public
    /// (<c>127.0.0.0/8,::1</c> locally). Empty in Azure.
    /// </summary>
    public string AllowedNetworks { get; set; } = "";

    /// <summary>See <see cref="Webhooks.RetrySchedule"/>.</summary>
    public string RetrySchedule { get; set; } = Webhooks.RetrySchedule.Default;

    /// <summary>How long one attempt may take, from connecting to the first 4 KB of the answer.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 15;

    public const int MaxAttemptTimeoutSeconds = 120;

    /// <summary>
    /// A webhook whose every delivery attempt has failed for this many days is turned off, with a
    /// <c>disabled_reason</c> saying since when; any success starts the count again.
    /// </summary>
    public double DisableAfterFailingDays { get; set; } = 5;

    /// <summary>How long the delivery log keeps a delivery; the retention timer deletes older ones.</summary>
    public int DeliveryRetentionDays { get; set; } = 30;

    /// <summary>
    /// Attempts one instance runs at once for one webhook. Messages beyond it wait briefly for a
    /// slot, then are put off with a short delay, so a slow receiver holds at most this many of
    /// the instance's slots and every other webhook keeps the rest.
    /// </summary>
    public int MaxConcurrentAttemptsPerWebhook { get; set; } = 4;

    /// <summary>
    /// Deliveries of one webhook whose first attempts share a queue message, at most
    /// (<see cref="WebhookDeliveryMessage.MaxBatch"/>). 1 sends one message per delivery: set it for
    /// the first deployment over a release that cannot read shared messages, whose instances would
    /// attempt only the first delivery a message names (docs/operations.md, upgrades).
    /// </summary>
    public int FirstAttemptsPerMessage { get; set; } = WebhookDeliveryMessage.MaxBatch;

    public TimeSpan DisableAfterFailing => TimeSpan.FromDays(DisableAfterFailingDays);

    public TimeSpan DeliveryRetention => TimeSpan.FromDays(DeliveryRetentionDays);

    /// <exception cref="InvalidRequestException">An entry is not an address or CIDR range.</exception>
    public IpAllowList ParseAllowedNetworks()
    {
        var entries = AllowedNetworks.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var entry in entries)
        {
            try
            {
                IpAllowList.Parse([entry]);
            }
            catch (InvalidRequestException)
            {
                throw new InvalidRequestException($"Webhooks:AllowedNetworks entry '{MessageText.Clip(entry)}' is not an IPv4/IPv6 address or CIDR range.");
            }
        }

        return IpAllowList.Parse(entries);
    }

    /// <summary>Every problem with the settings, for the options validation that stops the app at startup.</summary>
    public IEnumerable<string> Problems()
    {
        if (AttemptTimeoutSeconds is < 1 or > MaxAttemptTimeoutSeconds)
        {
            yield return $"Webhooks:AttemptTimeoutSeconds must be 1 to {MaxAttemptTimeoutSeconds}.";
        }

        if (DisableAfterFailingDays is not (> 0 and <= 365))
        {
            yield return "Webhooks:DisableAfterFailingDays must be more than 0 and at most 365.";
        }

        if (DeliveryRetentionDays is < 1 or > 365)
        {
            yield return "Webhooks:DeliveryRetentionDays must be 1 to 365.";
        }

        if (MaxConcurrentAttemptsPerWebhook is < 1 or > 64)
        {
            yield return "Webhooks:MaxConcurrentAttemptsPerWebhook must be 1 to 64.";
        }

        if (FirstAttemptsPerMessage is < 1 or > WebhookDeliveryMessage.MaxBatch)
        {
            yield return $"Webhooks:FirstAttemptsPerMessage must be 1 to {WebhookDeliveryMessage.MaxBatch}.";
        }

        if (Failure(() => Webhooks.RetrySchedule.Parse(RetrySchedule)) is { } schedule)
        {
            yield return schedule;
        }

        if (Failure(() => ParseAllowedNetworks()) is { } networks)
        {
            yield return networks;
        }
    }

    private static string? Failure(Action parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (Exception e) when (e is FormatException or InvalidRequestException)
        {
            return e.Message;
        }
    }
}

/// <summary>Stops the app at startup with every problem in the <c>Webhooks</c> section named.</summary>
internal sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
