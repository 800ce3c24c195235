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

    /// <summary>PK <c>{accountId}_{webhookId}</c>, RK the delivery id (newest first): the delivery log and the payloads in flight (see <c>WebhookDeliveryStore</c>).</summary>
    public const string WebhookDeliveriesTable = "WebhookDeliveries";

    /// <summary>
    /// One message per delivery attempt, naming a <see cref="WebhookDeliveriesTable"/> row. At most
    /// 56 characters, so that <c>&lt;queue&gt;-poison</c> is a valid queue name too.
    /// </summary>
    public const string WebhookDeliveriesQueue = "webhook-deliveries";

    /// <summary>Where the host moves a delivery message the function failed <c>maxDequeueCount</c> times.</summary>
    public const string WebhookDeliveriesPoisonQueue = WebhookDeliveriesQueue + "-poison";

    /// <summary>
    /// PK account id, RK empty: accounts whose change records may wait for dispatch, marked before
    /// their transactions commit, so the sweep visits only these (see <c>OutboxAccounts</c>).
    /// </summary>
    public const string OutboxAccountsTable = "OutboxAccounts";

    /// <summary>
    /// One message naming an account after one of its contact transactions committed: its change
    /// records are dispatched at once. At most 56 characters, like every queue (<c>-poison</c>).
    /// </summary>
    public const string OutboxNudgesQueue = "outbox-nudges";

    /// <summary>Where the host moves a nudge the function failed <c>maxDequeueCount</c> times.</summary>
    public const string OutboxNudgesPoisonQueue = OutboxNudgesQueue + "-poison";

    /// <summary>PK account id, RK Page id: the account's connected Facebook Pages (see <c>FacebookConnectionStore</c>).</summary>
    public const string FacebookConnectionsTable = "FacebookConnections";

    /// <summary>PK account id, RK form id: the lead forms synced, with their status and lease; plus the form → accounts index (see <c>FacebookFormStore</c>).</summary>
    public const string FacebookFormsTable = "FacebookForms";

    /// <summary>PK <c>{accountId}_{formId}</c>, RK inverted creation time and lead id: every lead a sync handled (see <c>FacebookLeadStore</c>).</summary>
    public const string FacebookLeadsTable = "FacebookLeads";

    /// <summary>One message per form to sync, from the poller, the Meta webhook and "sync now".</summary>
    public const string FacebookSyncQueue = "facebook-sync";

    /// <summary>Where the host moves a sync message the function failed <c>maxDequeueCount</c> times.</summary>
    public const string FacebookSyncPoisonQueue = FacebookSyncQueue + "-poison";

    public static IReadOnlyList<string> Tables { get; } =
    [
        AccountsTable, ApiAppsTable, ApiTokensTable, ContactsTable, WebhooksTable, WebhookDeliveriesTable, OutboxAccountsTable,
        FacebookConnectionsTable, FacebookFormsTable, FacebookLeadsTable,
    ];

    /// <summary>The app's queues; each has its <c>-poison</c> queue beside it, in infrastructure and at runtime.</summary>
    public static IReadOnlyList<string> Queues { get; } = [WebhookDeliveriesQueue, OutboxNudgesQueue, FacebookSyncQueue];
}
