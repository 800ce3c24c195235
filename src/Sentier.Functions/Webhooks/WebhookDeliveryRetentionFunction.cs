using Microsoft.Azure.Functions.Worker;
using Sentier.Core.Webhooks;

namespace Sentier.Functions.Webhooks;

/// <summary>
/// Once a day, deletes delivery log rows past <c>Webhooks:DeliveryRetentionDays</c> and those of
/// deleted webhooks, then quarantined change records older than 30 days.
/// </summary>
public sealed class WebhookDeliveryRetentionFunction(WebhookDeliveryRetention retention, QuarantineRetention quarantine)
{
    /// <summary>03:17 UTC daily: off the hour, when other scheduled work in the account tends to start.</summary>
    public const string Schedule = "0 17 3 * * *";

    [Function("Webhooks_DeliveryRetention")]
    public async Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        await retention.RunAsync(cancellationToken);
        await quarantine.RunAsync(cancellationToken);
    }
}
