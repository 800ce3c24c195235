using Sentier.Core.Contacts;

namespace Sentier.Functions.Contacts;

/// <summary>A contact in an answer (<see cref="ContactJson"/>), with ActiveTrail's <c>state</c> where a member add reports one.</summary>
public static class ContactResponse
{
    /// <summary>The contact an upsert left (or deleted, when the body said <c>is_deleted: true</c>).</summary>
    public static Dictionary<string, object?> From(UpsertResult result, string? state = null) =>
        From(result.Contact, result.Outcome == UpsertOutcome.Deleted, state);

    /// <summary>A member add's answer: the contact and ActiveTrail's <c>state</c> of the membership.</summary>
    public static Dictionary<string, object?> ForMember(UpsertResult result) =>
        From(result, result.Outcome == UpsertOutcome.Deleted ? "deleted" : result.JoinedGroup ? "added" : "existing");

    public static Dictionary<string, object?> From(Contact contact, bool deleted = false, string? state = null)
    {
        var body = ContactJson.From(contact, deleted);
        if (state is not null)
        {
            body["state"] = state;
        }

        return body;
    }
}

/// <summary>The answer to an import: counts, and each row that failed with its index and reason.</summary>
public sealed record ImportResponse(int Created, int Updated, IReadOnlyList<ImportFailureResponse> Failed)
{
    public static ImportResponse From(ImportResult result) =>
        new(result.Created, result.Updated, result.Failed.Select(f => new ImportFailureResponse(f.Index, f.Email, f.Message)).ToList());
}

/// <summary><c>Message</c> keeps ActiveTrail's error casing.</summary>
public sealed record ImportFailureResponse(
    int Index,
    string? Email,
    [property: System.Text.Json.Serialization.JsonPropertyName("Message")] string Message);
