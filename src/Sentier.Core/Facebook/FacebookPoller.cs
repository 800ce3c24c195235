using Microsoft.Extensions.Logging;

namespace Sentier.Core.Facebook;

/// <summary>
/// What the timer does: one queue message per active form that is due. A form another worker is
/// syncing, a throttled Page or app, and a connection that needs reauthorization are left out, so
/// they cost no message and no Graph call.
/// </summary>
public sealed class FacebookPoller(FacebookFormStore forms, FacebookConnectionStore connections, FacebookSyncQueue queue, TimeProvider clock, ILogger<FacebookPoller> logger)
{
    /// <returns>How many forms were enqueued.</returns>
    public async Task<int> EnqueueDueFormsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var connectionOf = new Dictionary<(string, string), FacebookConnection?>();
        var enqueued = 0;
        await foreach (var form in forms.ListActiveAsync(cancellationToken))
        {
            if (form.IsLeasedAt(now) || form.NextSyncUtc > now)
            {
                continue;
            }

            var key = (form.AccountId, form.PageId);
            if (!connectionOf.TryGetValue(key, out var connection))
            {
                connection = connectionOf[key] = await connections.FindAsync(form.AccountId, form.PageId, cancellationToken);
            }

            if (connection is not { Status: ConnectionStatus.Active } || connection.ThrottledUntil > now)
            {
                continue;
            }

            await queue.SendAsync(new FacebookSyncMessage(form.AccountId, form.FormId), cancellationToken);
            enqueued++;
        }

        logger.LogInformation("Facebook poll enqueued {Count} forms", enqueued);
        return enqueued;
    }
}
