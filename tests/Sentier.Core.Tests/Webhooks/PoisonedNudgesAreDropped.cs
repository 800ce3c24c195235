using Microsoft.Extensions.Logging;
using Sentier.Core.Storage;
using Sentier.Core.Tests.Facebook;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>A nudge on the poison queue is logged with its account and dropped: the account's mark brings the sweep anyway.</summary>
public sealed class PoisonedNudgesAreDropped
{
    [Fact]
    public void APoisonedNudgeIsLoggedWithItsAccount()
    {
        using var logs = new CapturedLogs();
        var accountId = Guid.NewGuid().ToString("N");

        new PoisonedNudges(LoggerFactory.Create(logging => logging.AddProvider(logs)).CreateLogger<PoisonedNudges>()).Drop(BinaryData.FromString(accountId));

        var line = Assert.Single(logs.Lines);
        Assert.StartsWith(nameof(LogLevel.Warning), line, StringComparison.Ordinal);
        Assert.Contains(accountId, line, StringComparison.Ordinal);
        Assert.Contains("sweep", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreadableNudgeIsLoggedWithoutItsContent()
    {
        using var logs = new CapturedLogs();

        new PoisonedNudges(LoggerFactory.Create(logging => logging.AddProvider(logs)).CreateLogger<PoisonedNudges>()).Drop(BinaryData.FromString("jane@example.com"));

        var line = Assert.Single(logs.Lines);
        Assert.StartsWith(nameof(LogLevel.Warning), line, StringComparison.Ordinal);
        Assert.Contains(StorageNames.OutboxNudgesPoisonQueue, line, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", line, StringComparison.Ordinal);
    }
}
