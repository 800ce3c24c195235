using Sentier.Core.Facebook;

namespace Sentier.Functions.Facebook;

/// <summary>A connected Page. Never its token.</summary>
public sealed record FacebookConnectionResponse(
    string Id, string PageId, string PageName, string Status, string? StatusReason, DateTimeOffset CreatedUtc, DateTimeOffset UpdatedUtc, DateTimeOffset? ThrottledUntilUtc)
{
    public static FacebookConnectionResponse From(FacebookConnection connection) => new(
        connection.PageId, connection.PageId, connection.PageName, FacebookConnection.StatusName(connection.Status), connection.StatusReason,
        connection.Created, connection.Updated, connection.ThrottledUntil);
}

/// <summary>A lead form of a Page as Graph lists it, with the question keys a mapping uses.</summary>
public sealed record FacebookPageFormResponse(string Id, string Name, string? Status, long? LeadsCount, IReadOnlyList<FacebookQuestionResponse> Questions)
{
    public static FacebookPageFormResponse From(GraphForm form) =>
        new(form.Id, form.Name, form.Status, form.LeadsCount, [.. form.Questions.Select(q => new FacebookQuestionResponse(q.Key, q.Label, q.Type))]);
}

public sealed record FacebookQuestionResponse(string Key, string? Label, string? Type);

/// <summary>A synced form: its configuration, the mapping a sync applies, and the sync status.</summary>
public sealed record FacebookFormResponse(
    string Id,
    string ConnectionId,
    long? GroupId,
    bool IsActive,
    IReadOnlyDictionary<string, string> FieldMapping,
    IReadOnlyDictionary<string, string> EffectiveMapping,
    DateTimeOffset Since,
    DateTimeOffset? LastSyncedUtc,
    DateTimeOffset? LastLeadCreatedTime,
    long LeadsImported,
    long LeadsSkipped,
    string? LastError,
    DateTimeOffset? NextSyncUtc,
    bool IsSyncing,
    DateTimeOffset CreatedUtc,
    DateTimeOffset UpdatedUtc)
{
    public static FacebookFormResponse From(FacebookForm form, DateTimeOffset now) => new(
        form.FormId, form.PageId, form.GroupId, form.IsActive, form.Mapping.Custom, form.Mapping.Effective, form.Since,
        form.LastSyncedUtc, form.LastLeadCreatedTime, form.Tally.Imported, form.Tally.Skipped, form.LastError, form.NextSyncUtc,
        form.IsLeasedAt(now), form.Created, form.Updated);
}

/// <summary>One lead of a form: the contact it was written to, or why it was skipped.</summary>
public sealed record FacebookLeadResponse(string LeadId, DateTimeOffset CreatedTime, long? ContactId, string? SkipReason, DateTimeOffset RecordedUtc)
{
    public static FacebookLeadResponse From(LeadRecord lead) => new(lead.LeadId, lead.CreatedTime, lead.ContactId, lead.SkipReason, lead.Recorded);
}

public sealed record FacebookOAuthStartResponse(string Url, string State, DateTimeOffset ExpiresUtc)
{
    public static FacebookOAuthStartResponse From(OAuthStart start) => new(start.Url.AbsoluteUri, start.State, start.ExpiresUtc);
}

/// <summary>How many notified leads queued a sync of their form.</summary>
public sealed record FacebookWebhookReceipt(int Enqueued);
