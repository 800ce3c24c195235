using Azure;
using Sentier.Core.Common;

namespace Sentier.Core.Contacts;

/// <summary>
/// A contact as stored. <see cref="Fields"/> holds the profile fields of <see cref="ContactFields"/>
/// that have a value (text as string, dates as <see cref="DateTimeOffset"/>, numbers as double).
/// </summary>
public sealed record Contact
{
    /// <summary>A contact belongs to at most this many groups: its group changes must fit one storage transaction.</summary>
    public const int MaxGroups = 40;

    public required long Id { get; init; }

    public string? Email { get; init; }

    public string? Sms { get; init; }

    public SubscriptionStatus Status { get; init; }

    public SubscriptionStatus SmsStatus { get; init; }

    public bool IsDoNotMail { get; init; }

    /// <summary>The double opt-in message settings, kept as the JSON object the client sent.</summary>
    public string? DoubleOptin { get; init; }

    public IReadOnlyDictionary<string, object> Fields { get; init; } = new Dictionary<string, object>();

    public IReadOnlyList<long> GroupIds { get; init; } = [];

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset Updated { get; init; }

    /// <summary>When the contact last stopped receiving email (unsubscribed or do-not-mail), and through what.</summary>
    public DateTimeOffset? UnsubscribedAt { get; init; }

    public ChangeSource? UnsubscribeSource { get; init; }

    /// <summary>The source and API app of the latest change.</summary>
    public ChangeSource ChangedBy { get; init; }

    public string? ChangedByApp { get; init; }

    /// <summary>Raised by one with every committed write of the contact (by <see cref="ContactBatch"/>), so a receiver of its events can tell the newer state; 0 on rows from before versions.</summary>
    public long Version { get; init; }

    public ETag ETag { get; init; }

    /// <summary>Counts towards a group's <c>active_counter</c>: emails may be sent to it.</summary>
    public bool IsActive => Status == SubscriptionStatus.Subscribed && !IsDoNotMail;

    /// <summary>Stopped receiving email, by status or by the do-not-mail flag.</summary>
    public bool IsOptedOut => Status == SubscriptionStatus.Unsubscribed || IsDoNotMail;

    /// <summary>This contact in one more group; 409 beyond <see cref="MaxGroups"/>.</summary>
    public Contact JoiningGroup(long groupId) =>
        GroupIds.Count < MaxGroups
            ? this with { GroupIds = [.. GroupIds, groupId] }
            : throw new ConflictException($"Contact {Id} already belongs to {MaxGroups} groups, the most one contact can be in.", lasting: true);

    /// <summary>This contact out of a group, as changed now by <paramref name="context"/>.</summary>
    public Contact LeavingGroup(long groupId, DateTimeOffset now, ChangeContext context) =>
        this with { GroupIds = GroupIds.Where(id => id != groupId).ToList(), Updated = now, ChangedBy = context.Source, ChangedByApp = context.AppId };

    /// <summary>Nothing to write: the same data and the same groups as <paramref name="before"/>.</summary>
    public bool IsUnchangedFrom(Contact before) => HasSameProfileAs(before) && GroupIds.SequenceEqual(before.GroupIds);

    /// <summary>Whether two states of a contact differ in anything a person would call its data (not memberships or bookkeeping).</summary>
    public bool HasSameProfileAs(Contact other) =>
        Email == other.Email
        && Sms == other.Sms
        && Status == other.Status
        && SmsStatus == other.SmsStatus
        && IsDoNotMail == other.IsDoNotMail
        && DoubleOptin == other.DoubleOptin
        && Fields.Count == other.Fields.Count
        && Fields.All(field => other.Fields.TryGetValue(field.Key, out var value) && Equals(value, field.Value));
}
