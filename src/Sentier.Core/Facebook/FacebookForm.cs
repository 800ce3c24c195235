using Azure;

namespace Sentier.Core.Facebook;

/// <summary>
/// A lead form synced into an account: where its leads go (group, mapping), how far the sync has
/// got (<see cref="CheckpointUnix"/>: the newest lead creation time stored), what it did last, and
/// the lease of the worker syncing it now, if any.
/// </summary>
public sealed record FacebookForm(
    string AccountId,
    string FormId,
    string PageId,
    long? GroupId,
    bool IsActive,
    LeadMapping Mapping,
    DateTimeOffset Since,
    DateTimeOffset Created,
    DateTimeOffset Updated)
{
    public ETag ETag { get; init; }

    /// <summary>Unix seconds of the newest lead stored; null until a sync completes.</summary>
    public long? CheckpointUnix { get; init; }

    public DateTimeOffset? LastSyncedUtc { get; init; }

    public DateTimeOffset? LastLeadCreatedTime { get; init; }

    /// <summary>
    /// The counters of the form's lead records. They live beside the records (<see cref="FacebookLeadStore"/>),
    /// not on the form row: <see cref="FacebookFormService"/> reads them for the API, the sync never needs them.
    /// </summary>
    public LeadTally Tally { get; init; } = LeadTally.None;

    public string? LastError { get; init; }

    /// <summary>The earliest a sync may run again (throttling, reauthorization); null: at the next poll.</summary>
    public DateTimeOffset? NextSyncUtc { get; init; }

    public string? LeaseOwner { get; init; }

    /// <summary>
    /// A sync was asked for (webhook, sync now) while the form was leased: the lease holder reads
    /// once more before it lets go, so the lead that prompted it does not wait for the next poll.
    /// </summary>
    public bool ResyncRequested { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public bool IsLeasedAt(DateTimeOffset now) => LeaseOwner is not null && LeaseUntil > now;
}
