using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Tokens;
using Sentier.DevHost.Catalog;
using Sentier.Functions.Docs;
using Sentier.Functions.Http;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Tokens;

/// <summary>
/// Walks every HTTP function the DevHost serves and classifies it by how it answers: anonymous,
/// operator (admin key) or API token. Every token function must be in <see cref="ScopeOfFunction"/>
/// with the scope it needs, and must behave so: a token without that scope gets 403 naming it, a
/// token with it is not refused. A function added without a scope, or left out of the table, fails
/// here. A function that needs two scopes lists both, separated by a space, and a token lacking
/// either gets 403 naming what it lacks. Path parameters are dummies and no body is sent, so
/// accepted calls end in 400 or 404 and write nothing.
/// </summary>
public sealed partial class EveryRouteDeclaresItsScope(DevHostFixture host) : IClassFixture<DevHostFixture>
{
    /// <summary>The token checks integrations run: every valid token passes, whatever its scopes.</summary>
    private const string AnyToken = "(any token)";

    private static readonly Dictionary<string, string> ScopeOfFunction = new(StringComparer.Ordinal)
    {
        ["Account_Get"] = AnyToken,
        ["Account_Balance"] = AnyToken,
        ["ContactFields_List"] = WireScopes.ContactsRead,
        ["ContactFields_Rename"] = WireScopes.ContactsWrite,
        ["Contacts_List"] = WireScopes.ContactsRead,
        ["Contacts_Get"] = WireScopes.ContactsRead,
        ["Contacts_Groups"] = WireScopes.ContactsRead,
        ["Contacts_Subscribers"] = WireScopes.ContactsRead,
        ["Contacts_Unsubscribers"] = WireScopes.ContactsRead,
        ["Contacts_Upsert"] = WireScopes.ContactsWrite,
        ["Contacts_Update"] = WireScopes.ContactsWrite,
        ["Contacts_Delete"] = WireScopes.ContactsWrite,
        ["Contacts_Import"] = WireScopes.ContactsWrite,
        ["Groups_List"] = WireScopes.ContactsRead,
        ["Groups_Get"] = WireScopes.ContactsRead,
        ["Groups_Create"] = WireScopes.ContactsWrite,
        ["Groups_Update"] = WireScopes.ContactsWrite,
        ["Groups_Delete"] = WireScopes.ContactsWrite,
        ["GroupMembers_List"] = WireScopes.ContactsRead,
        ["GroupMembers_Get"] = WireScopes.ContactsRead,
        ["GroupMembers_Add"] = WireScopes.ContactsWrite,
        ["GroupMembers_Remove"] = WireScopes.ContactsWrite,
        ["ApiApps_List"] = WireScopes.AppsManage,
        ["ApiApps_Get"] = WireScopes.AppsManage,
        ["ApiApps_Create"] = WireScopes.AppsManage,
        ["ApiApps_Update"] = WireScopes.AppsManage,
        ["ApiApps_Revoke"] = WireScopes.AppsManage,
        ["Webhooks_List"] = WireScopes.WebhooksRead,
        ["Webhooks_Get"] = WireScopes.WebhooksRead,
        ["Webhooks_Create"] = WireScopes.WebhooksWrite + " " + WireScopes.ContactsRead,
        ["Webhooks_Update"] = WireScopes.WebhooksWrite + " " + WireScopes.ContactsRead,
        ["Webhooks_Delete"] = WireScopes.WebhooksWrite,
        ["Webhooks_Secret"] = WireScopes.WebhooksWrite,
        ["Webhooks_RotateSecret"] = WireScopes.WebhooksWrite,
        ["Webhooks_Test"] = WireScopes.WebhooksWrite,
        ["Webhooks_Deliveries"] = WireScopes.WebhooksRead,
        ["Webhooks_Delivery"] = WireScopes.WebhooksRead + " " + WireScopes.ContactsRead,
        ["Webhooks_Redeliver"] = WireScopes.WebhooksWrite + " " + WireScopes.ContactsRead,
        ["Webhooks_Recover"] = WireScopes.WebhooksWrite + " " + WireScopes.ContactsRead,
        ["Facebook_Connections_List"] = WireScopes.FacebookRead,
        ["Facebook_Connections_Create"] = WireScopes.FacebookWrite,
        ["Facebook_Connections_Delete"] = WireScopes.FacebookWrite,
        ["Facebook_Connections_Forms"] = WireScopes.FacebookRead,
        ["Facebook_OAuthStart"] = WireScopes.FacebookWrite,
        ["Facebook_OAuthCallback"] = WireScopes.FacebookWrite,
        ["Facebook_Forms_List"] = WireScopes.FacebookRead,
        ["Facebook_Forms_Get"] = WireScopes.FacebookRead,
        ["Facebook_Forms_Put"] = WireScopes.FacebookWrite,
        ["Facebook_Forms_Delete"] = WireScopes.FacebookWrite,
        ["Facebook_Forms_Sync"] = WireScopes.FacebookWrite,
        ["Facebook_Forms_Leads"] = WireScopes.FacebookRead,
    };

    /// <summary>
    /// Functions whose caller proves itself with a signature over the body rather than a credential
    /// (Meta's webhook: 401 without a valid X-Hub-Signature-256, whoever calls); their tests check it.
    /// </summary>
    private static readonly HashSet<string> SignedByCaller = ["Facebook_WebhookReceive"];

    private enum Access
    {
        Anonymous,
        AdminKey,
        Token,
    }

    [Fact]
    public async Task Every_served_http_function_is_anonymous_operator_only_or_checks_its_scope()
    {
        var tokens = await IssueTokensAsync();
        var problems = new List<string>();
        var served = host.Server.Services.GetRequiredService<ServedFunctions>().All.Where(f => f.Trigger == "httpTrigger").ToList();
        Assert.NotEmpty(served);

        foreach (var function in served.Where(f => !SignedByCaller.Contains(f.Name)))
        {
            var path = RouteParameter().Replace(function.Route!, "1");
            foreach (var method in function.Methods.Count > 0 ? function.Methods : ["get"])
            {
                var call = new Call(host.Api, new HttpMethod(method.ToUpperInvariant()), path, function.Name, problems);
                var access = await call.ClassifyAsync(tokens.Full);
                if (access is null)
                {
                    continue;
                }

                var declared = ScopeOfFunction.GetValueOrDefault(function.Name);
                if (access != Access.Token)
                {
                    if (declared is not null)
                    {
                        problems.Add($"{call}: listed with {declared} but answers as {access}.");
                    }

                    continue;
                }

                if (declared is null)
                {
                    problems.Add($"{call}: takes an API token but is not classified here; add it to ScopeOfFunction with the scope it declares.");
                    continue;
                }

                string[] needed = declared == AnyToken ? [] : declared.Split(' ');
                await call.ExpectAsync(tokens.None, needed, "a token with no scopes");
                foreach (var scope in WireScopes.All)
                {
                    await call.ExpectAsync(tokens.Only[scope], [.. needed.Where(name => name != scope)], $"a token with only {scope}");
                    await call.ExpectAsync(tokens.AllBut[scope], [.. needed.Where(name => name == scope)], $"a token with every scope but {scope}");
                }
            }
        }

        foreach (var listed in ScopeOfFunction.Keys.Where(name => served.All(f => f.Name != name)))
        {
            problems.Add($"{listed} is listed here but not served.");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>The scope the reference documents for each function (its <see cref="ApiOperationAttribute"/>) is the one the walk above proves.</summary>
    [Fact]
    public void The_reference_names_the_scope_each_function_checks()
    {
        var documented = typeof(ApiEndpoint).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Select(method => (Function: method.GetCustomAttribute<FunctionAttribute>(), Operation: method.GetCustomAttribute<ApiOperationAttribute>()))
            .Where(pair => pair.Function is not null && pair.Operation is not null && ScopeOfFunction.ContainsKey(pair.Function.Name))
            .ToDictionary(pair => pair.Function!.Name, pair => pair.Operation!.Scope == Scope.None ? AnyToken : string.Join(' ', Scopes.Format(pair.Operation.Scope)));

        Assert.Equal(
            ScopeOfFunction.OrderBy(entry => entry.Key).Select(entry => $"{entry.Key}: {string.Join(' ', entry.Value.Split(' ').Order())}"),
            documented.OrderBy(entry => entry.Key).Select(entry => $"{entry.Key}: {string.Join(' ', entry.Value.Split(' ').Order())}"));
    }

    [Fact]
    public void Only_the_two_token_checks_need_no_scope()
    {
        var scopeless = ScopeOfFunction.Where(entry => entry.Value == AnyToken).Select(entry => entry.Key).Order();

        Assert.Equal(["Account_Balance", "Account_Get"], scopeless);
    }

    private async Task<Tokens> IssueTokensAsync()
    {
        var account = await host.CreateAccountAsync("scope walk");
        async Task<string> IssueAsync(string name, IEnumerable<string> scopes) =>
            (await host.Api.CreateAppAsync(account.Token, JsonSerializer.Serialize(new { name, scopes }))).Token;

        var only = new Dictionary<string, string>();
        var allBut = new Dictionary<string, string>();
        foreach (var scope in WireScopes.All)
        {
            only[scope] = await IssueAsync($"only {scope}", [scope]);
            allBut[scope] = await IssueAsync($"all but {scope}", WireScopes.All.Where(s => s != scope));
        }

        return new Tokens(account.Token, await IssueAsync("none", []), only, allBut);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    private sealed record Tokens(string Full, string None, Dictionary<string, string> Only, Dictionary<string, string> AllBut);

    /// <summary>One method and path of one function, probed with different credentials; what goes wrong is added to <c>problems</c>.</summary>
    private sealed class Call(ApiClient api, HttpMethod method, string path, string function, List<string> problems)
    {
        /// <summary>How the function lets callers in, or null (a problem) when no credential opens it.</summary>
        public async Task<Access?> ClassifyAsync(string fullToken)
        {
            if (!IsRefusal(await SendAsync(authorization: null, adminKey: null)))
            {
                return Access.Anonymous;
            }

            if (!IsRefusal(await SendAsync(authorization: null, adminKey: DevHostServer.AdminKey)))
            {
                return Access.AdminKey;
            }

            var withToken = await SendAsync(fullToken, adminKey: null);
            if (!IsRefusal(withToken))
            {
                return Access.Token;
            }

            problems.Add($"{this}: refuses no credentials, the admin key and a token with every scope alike ({withToken}).");
            return null;
        }

        /// <param name="missingScopes">The scopes the token lacks (403 naming each expected), or none when it must be let in.</param>
        public async Task ExpectAsync(string token, IReadOnlyList<string> missingScopes, string what)
        {
            var response = await SendAsync(token, adminKey: null);
            if (missingScopes.Count == 0)
            {
                if (IsRefusal(response))
                {
                    problems.Add($"{this}: refused {what}: {response}");
                }

                return;
            }

            if (response.Status != HttpStatusCode.Forbidden || missingScopes.Any(scope => !response.Body.Contains($"'{scope}'", StringComparison.Ordinal)))
            {
                problems.Add($"{this}: expected 403 naming {string.Join(", ", missingScopes.Select(scope => $"'{scope}'"))} for {what}, got {response}");
            }
        }

        public override string ToString() => $"{function} ({method} /api/{path})";

        private static bool IsRefusal(ApiResponse response) => response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

        private async Task<ApiResponse> SendAsync(string? authorization, string? adminKey)
        {
            var response = await api.SendAsync(method, path, authorization, configure: request =>
            {
                if (adminKey is not null)
                {
                    request.Headers.TryAddWithoutValidation(ApiClient.AdminKeyHeader, adminKey);
                }
            });
            if ((int)response.Status >= 500)
            {
                problems.Add($"{this}: answered {response}");
            }

            return response;
        }
    }
}
