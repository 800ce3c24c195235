namespace Sentier.Core.Contacts;

/// <summary>What happened to a contact in one write; the webhook deliveries announce these.</summary>
public enum ContactChangeKind
{
    Created,
    Updated,
    Deleted,
    Unsubscribed,
    Resubscribed,
    AddedToGroup,
    RemovedFromGroup,
}

/// <summary>One announced change: the kind, the contact and, for memberships, the group.</summary>
public sealed record ContactChange(ContactChangeKind Kind, long ContactId, string? Email, long? GroupId = null);
