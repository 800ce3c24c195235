using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// For the tests of the contact rows: no account is marked and no nudge sent, so change records stay
/// where their transactions put them and no dispatcher of another test process takes them away.
/// </summary>
internal sealed class UndispatchedChanges : IChangeRecordObserver
{
    public static readonly UndispatchedChanges Instance = new();

    public Task BeforeCommitAsync(string accountId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CommittedAsync(string accountId) => Task.CompletedTask;
}
