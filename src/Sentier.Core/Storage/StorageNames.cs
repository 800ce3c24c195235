namespace Sentier.Core.Storage;

/// <summary>
/// Every table and queue the app uses. Infrastructure declares the same names and a test compares
/// the two lists, so add new ones here only.
/// </summary>
public static class StorageNames
{
    /// <summary>PK <c>account</c>, RK account id.</summary>
    public const string AccountsTable = "Accounts";

    /// <summary>PK account id, RK app id: an account's apps are one partition.</summary>
    public const string ApiAppsTable = "ApiApps";

    /// <summary>PK SHA-256 of the token, RK empty: the point read that authenticates a request.</summary>
    public const string ApiTokensTable = "ApiTokens";

    /// <summary>
    /// PK account id: contacts, their email and sms indexes, groups, memberships, group counters and
    /// change records (see <c>ContactKeys</c>), so one transaction can change all of them.
    /// </summary>
    public const string ContactsTable = "Contacts";

    /// <summary>PK account id: the account's webhook subscriptions (RK <c>w</c> + id) and their counter row (see <c>WebhookStore</c>).</summary>
    public const string WebhooksTable = "Webhooks";

    public static IReadOnlyList<string> Tables { get; } = [AccountsTable, ApiAppsTable, ApiTokensTable, ContactsTable, WebhooksTable];

    public static IReadOnlyList<string> Queues { get; } = [];
}
