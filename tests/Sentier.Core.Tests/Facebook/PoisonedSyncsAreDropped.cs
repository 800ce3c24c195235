using Microsoft.Extensions.Logging;
using Sentier.Core.Facebook;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Facebook;

/// <summary>A sync on the poison queue is logged with its account and form and dropped: the poller enqueues the form again.</summary>
public sealed class PoisonedSyncsAreDropped
{
    [Fact]
    public void APoisonedSyncIsLoggedWithItsAccountAndForm()
    {
        using var logs = new CapturedLogs();
        var accountId = Guid.NewGuid().ToString("N");

        new PoisonedSyncs(LoggerFactory.Create(logging => logging.AddProvider(logs)).CreateLogger<PoisonedSyncs>()).Drop(BinaryData.FromString($$"""{"account_id":"{{accountId}}","form_id":"1234567890"}"""));

        var line = Assert.Single(logs.Lines);
        Assert.StartsWith(nameof(LogLevel.Warning), line, StringComparison.Ordinal);
        Assert.Contains(accountId, line, StringComparison.Ordinal);
        Assert.Contains("1234567890", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"account_id":"","form_id":"jane@example.com"}""")]
    public void AnUnreadableSyncIsLoggedWithoutItsContent(string body)
    {
        using var logs = new CapturedLogs();

        new PoisonedSyncs(LoggerFactory.Create(logging => logging.AddProvider(logs)).CreateLogger<PoisonedSyncs>()).Drop(BinaryData.FromString(body));

        var line = Assert.Single(logs.Lines);
        Assert.StartsWith(nameof(LogLevel.Warning), line, StringComparison.Ordinal);
        Assert.Contains(StorageNames.FacebookSyncPoisonQueue, line, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", line, StringComparison.Ordinal);
    }
}
