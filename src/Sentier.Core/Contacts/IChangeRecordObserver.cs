namespace Sentier.Core.Contacts;

/// <summary>
/// Hears of every transaction that commits a change record, from the one place every contact write
/// passes (<see cref="ContactStore.TrySubmitAsync"/>), so no write path can keep its records from
/// whatever turns them into events: the webhook dispatcher marks the account before the commit and
/// nudges its dispatch after it (<c>Webhooks.ChangeNudges</c>).
/// </summary>
public interface IChangeRecordObserver
{
    /// <summary>Before the transaction is sent. A failure here fails the write, which has then written nothing.</summary>
    Task BeforeCommitAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// After the transaction committed (also when a lost answer's repeat showed that it had), even
    /// if the request has been cancelled meanwhile. Never throws: the write is done whatever happens here.
    /// </summary>
    Task CommittedAsync(string accountId);
}
