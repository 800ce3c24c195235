using System.Text.Json;

namespace Sentier.Functions.Tests.Infrastructure;

/// <summary>The scope names as the API spells them, written out here rather than taken from the code under test.</summary>
public static class WireScopes
{
    public const string ContactsRead = "contacts:read";
    public const string ContactsWrite = "contacts:write";
    public const string WebhooksRead = "webhooks:read";
    public const string WebhooksWrite = "webhooks:write";
    public const string FacebookRead = "facebook:read";
    public const string FacebookWrite = "facebook:write";
    public const string AppsManage = "apps:manage";

    /// <summary>Every scope, in the order responses list them.</summary>
    public static readonly IReadOnlyList<string> All =
        [ContactsRead, ContactsWrite, WebhooksRead, WebhooksWrite, FacebookRead, FacebookWrite, AppsManage];

    /// <summary>What an app made through the API holds when its request names no scopes.</summary>
    public static readonly IReadOnlyList<string> Default = [ContactsRead, ContactsWrite];

    /// <summary>The <c>scopes</c> array of an app in a response.</summary>
    public static IReadOnlyList<string> Of(JsonElement app) =>
        [.. app.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()!)];
}
