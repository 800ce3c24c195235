using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sentier.Testing;

/// <summary>
/// A Facebook Graph API stand-in: a real HTTP server on 127.0.0.1 (Kestrel) serving the calls the
/// Lead Ads integration makes, with Graph's shapes: Pages, <c>leadgen_forms</c>, <c>leads</c> with
/// <c>time_created</c> filtering and cursor paging (newest first, <c>paging.next</c> carrying the
/// <c>access_token</c> as Graph's does), a form's Page and a single lead by id (to its Page's token
/// only), <c>/me</c> (a Page token is its Page), the OAuth code exchange and <c>/me/accounts</c>. Tokens are
/// read from the Authorization header only. Tests script failures: throttling with usage headers,
/// revoked tokens (190), 5xx blips, and gates that hold a leads request.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    public const string Version = "v25.0";
    public const string AppId = "1234567890";
    public const string AppSecret = "fake-app-secret-0123456789abcdef";
    public const string OAuthCode = "fake-oauth-code";
    public const string ShortUserToken = "EAAshortusertoken000000000000";
    public const string LongUserToken = "EAAlongusertoken1111111111111";

    /// <summary>The Facebook user the user tokens speak for on <c>/me</c>.</summary>
    public const string UserId = "6000000001";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakePage> _pages = new();
    private readonly ConcurrentDictionary<string, FakeForm> _forms = new();
    private readonly ConcurrentQueue<string> _requests = new();

    private FakeGraphApi(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:{port}</c>: what <c>Facebook:GraphBaseUrl</c> is set to.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Every request's path and query, in order (no header, so no token).</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Answers the next matching requests with an error instead of their data.</summary>
    public ConcurrentQueue<FakeFault> Faults { get; } = new();

    /// <summary>Tokens Graph no longer accepts (error 190).</summary>
    public ConcurrentDictionary<string, bool> RevokedTokens { get; } = new();

    /// <summary>Forms whose leads requests answer with code 80001 and this many minutes in <c>X-Business-Use-Case-Usage</c>.</summary>
    public ConcurrentDictionary<string, int> ThrottledForms { get; } = new();

    /// <summary>
    /// Runs before each leads page is served (0 for the first), before the token and throttling are
    /// checked: tests hold or break a sync there, or revoke or throttle what it is about to ask.
    /// </summary>
    public Func<string, int, CancellationToken, Task>? BeforeLeadsPage { get; set; }

    /// <summary>Runs before a single lead (<c>GET /{lead-id}</c>) is served: tests change the form while its sync waits on Graph.</summary>
    public Func<string, Task>? BeforeLead { get; set; }

    /// <summary>Serve the last lead of each page again at the top of the next one, as Graph's paging may when leads arrive mid-read.</summary>
    public bool RepeatLeadAcrossPages { get; set; }

    public static async Task<FakeGraphApi> StartAsync()
    {
        FakeGraphApi? graph = null;
        var (app, address) = await LoopbackServer.StartAsync(context => graph!.HandleAsync(context));
        graph = new FakeGraphApi(app, address);
        return graph;
    }

    public void AddPage(string pageId, string name, string token) => _pages[pageId] = new FakePage(pageId, name, token);

    public void AddForm(string pageId, string formId, string name, params string[] questionKeys) =>
        _forms[formId] = new FakeForm(pageId, formId, name, questionKeys);

    /// <summary>Adds a lead to a form; <paramref name="fieldData"/> is Graph's <c>field_data</c> array (null leaves it out).</summary>
    public void AddLead(string formId, string leadId, DateTimeOffset created, JsonArray? fieldData, Action<JsonObject>? shape = null)
    {
        var lead = new JsonObject
        {
            ["id"] = leadId,
            ["created_time"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000",
            ["form_id"] = formId,
            ["is_organic"] = false,
            ["platform"] = "fb",
        };
        if (fieldData is not null)
        {
            lead["field_data"] = fieldData;
        }

        shape?.Invoke(lead);
        lock (_forms[formId].Leads)
        {
            _forms[formId].Leads.Add((created, lead));
        }
    }

    /// <summary>Graph's <c>field_data</c> for the answers given as name/value pairs.</summary>
    public static JsonArray Answers(params (string Name, string Value)[] answers) =>
        [.. answers.Select(answer => (JsonNode)new JsonObject { ["name"] = answer.Name, ["values"] = new JsonArray(answer.Value) })];

    public int LeadsRequests(string formId) => Requests.Count(r => r.StartsWith($"/{Version}/{formId}/leads", StringComparison.Ordinal));

    public async ValueTask DisposeAsync() => await LoopbackServer.StopAsync(_app);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        _requests.Enqueue(path + context.Request.QueryString);
        var token = context.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        var segments = path.Trim('/').Split('/');
        if (segments.Length < 2 || segments[0] != Version)
        {
            await ErrorAsync(context, 400, 100, "Unknown path components");
            return;
        }

        foreach (var fault in Faults)
        {
            if (fault.Matches(path) && fault.TryTake())
            {
                await fault.WriteAsync(context);
                return;
            }
        }

        if (token is not null && RevokedTokens.ContainsKey(token))
        {
            await RevokedAsync(context);
            return;
        }

        var rest = segments[1..];
        switch (rest)
        {
            case ["oauth", "access_token"]:
                await OAuthAsync(context);
                return;
            case ["me", "accounts"]:
                await WriteAsync(context, token == LongUserToken
                    ? new JsonObject { ["data"] = new JsonArray([.. _pages.Values.Select(p => (JsonNode)new JsonObject { ["id"] = p.Id, ["name"] = p.Name, ["access_token"] = p.Token })]) }
                    : null);
                return;
            case [var formId] when _forms.TryGetValue(formId, out var form):
                // Graph shows a form only to a token of its Page: to any other it does not exist.
                if (token == _pages[form.PageId].Token)
                {
                    await WriteAsync(context, new JsonObject { ["id"] = form.Id, ["name"] = form.Name, ["page"] = new JsonObject { ["id"] = form.PageId, ["name"] = _pages[form.PageId].Name } });
                }
                else
                {
                    await UnknownObjectAsync(context, formId);
                }

                return;
            case ["me"]:
                // A Page token is its Page on /me; a user token is its user.
                await WriteAsync(context, _pages.Values.FirstOrDefault(p => p.Token == token) is { } own
                    ? new JsonObject { ["id"] = own.Id, ["name"] = own.Name }
                    : token is LongUserToken or ShortUserToken ? new JsonObject { ["id"] = UserId, ["name"] = "Dana" } : null);
                return;
            case [var pageId] when _pages.TryGetValue(pageId, out var page):
                // A Page is public: any valid token reads its id and name.
                await WriteAsync(context, IsKnown(token) ? new JsonObject { ["id"] = page.Id, ["name"] = page.Name } : null);
                return;
            case [var leadId] when FindLead(leadId) is var (leadForm, lead):
                if (BeforeLead is { } beforeLead)
                {
                    await beforeLead(leadId);
                }

                if (token == _pages[leadForm.PageId].Token)
                {
                    await WriteAsync(context, (JsonObject)lead.DeepClone());
                }
                else
                {
                    await UnknownObjectAsync(context, leadId);
                }

                return;
            case [var pageId, "leadgen_forms"] when _pages.TryGetValue(pageId, out var page):
                await WriteAsync(context, token == page.Token ? FormsOf(pageId) : null);
                return;
            case [var formId, "leads"] when _forms.TryGetValue(formId, out var form):
                if (BeforeLeadsPage is { } hook)
                {
                    await hook(form.Id, LeadsPageIndex(context.Request.Query), context.RequestAborted);
                }

                // The hook may have revoked the token or throttled the form while it held the request.
                if (token is not null && RevokedTokens.ContainsKey(token))
                {
                    await RevokedAsync(context);
                    return;
                }

                if (token != _pages[form.PageId].Token)
                {
                    await WriteAsync(context, null);
                    return;
                }

                if (ThrottledForms.TryGetValue(formId, out var minutes))
                {
                    context.Response.Headers["X-Business-Use-Case-Usage"] =
                        $$"""{"{{form.PageId}}":[{"type":"leadgen","call_count":100,"total_cputime":20,"total_time":30,"estimated_time_to_regain_access":{{minutes}}}]}""";
                    await ErrorAsync(context, 400, 80001, "There have been too many calls to this Page account. Wait a bit and try again.");
                    return;
                }

                await LeadsAsync(context, form, token);
                return;
            default:
                await UnknownObjectAsync(context, rest[0]);
                return;
        }
    }

    private bool IsKnown(string? token) => token is LongUserToken or ShortUserToken || _pages.Values.Any(p => p.Token == token);

    private (FakeForm Form, JsonObject Lead)? FindLead(string leadId)
    {
        foreach (var form in _forms.Values)
        {
            lock (form.Leads)
            {
                if (form.Leads.FirstOrDefault(lead => (string?)lead.Lead["id"] == leadId).Lead is { } found)
                {
                    return (form, found);
                }
            }
        }

        return null;
    }

    private JsonObject FormsOf(string pageId) => new()
    {
        ["data"] = new JsonArray([.. _forms.Values.Where(f => f.PageId == pageId).Select(f => (JsonNode)new JsonObject
        {
            ["id"] = f.Id,
            ["name"] = f.Name,
            ["status"] = "ACTIVE",
            ["leads_count"] = f.Leads.Count,
            ["questions"] = new JsonArray([.. f.QuestionKeys.Select(k => (JsonNode)new JsonObject { ["key"] = k, ["label"] = k, ["type"] = "CUSTOM" })]),
        })]),
    };

    private async Task LeadsAsync(HttpContext context, FakeForm form, string token)
    {
        var query = context.Request.Query;
        var after = 0L;
        if (query["filtering"].ToString() is { Length: > 0 } filtering)
        {
            foreach (var clause in JsonNode.Parse(filtering)!.AsArray())
            {
                if ((string?)clause!["field"] == "time_created" && (string?)clause["operator"] == "GREATER_THAN")
                {
                    after = clause["value"]!.GetValue<long>();
                }
            }
        }

        var (limit, offset) = Paging(query);
        List<JsonObject> matching;
        lock (form.Leads)
        {
            matching = [.. form.Leads.Where(lead => lead.Created.ToUnixTimeSeconds() > after).OrderByDescending(lead => lead.Created).Select(lead => lead.Lead)];
        }

        var start = RepeatLeadAcrossPages && offset > 0 ? offset - 1 : offset;
        var items = matching.Skip(start).Take(offset + limit - start).Select(lead => lead.DeepClone()).ToList();
        var body = new JsonObject { ["data"] = new JsonArray([.. items]) };
        if (offset + limit < matching.Count)
        {
            var next = new Uri(BaseUrl, $"/{Version}/{form.Id}/leads?access_token={Uri.EscapeDataString(token)}&fields={Uri.EscapeDataString(query["fields"].ToString())}" +
                $"&filtering={Uri.EscapeDataString(query["filtering"].ToString())}&limit={limit}&after={offset + limit}");
            body["paging"] = new JsonObject { ["cursors"] = new JsonObject { ["after"] = (offset + limit).ToString(CultureInfo.InvariantCulture) }, ["next"] = next.AbsoluteUri };
        }

        await WriteAsync(context, body);
    }

    private static (int Limit, int Offset) Paging(IQueryCollection query) =>
        (int.TryParse(query["limit"], out var limit) ? Math.Clamp(limit, 1, 500) : 25, int.TryParse(query["after"], out var offset) ? offset : 0);

    private static int LeadsPageIndex(IQueryCollection query) => Paging(query) is var (limit, offset) ? offset / limit : 0;

    private async Task OAuthAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["client_id"] != AppId || query["client_secret"] != AppSecret)
        {
            await ErrorAsync(context, 400, 1, "Error validating application. Invalid application ID.");
            return;
        }

        if (query["grant_type"] == "fb_exchange_token")
        {
            await WriteAsync(context, query["fb_exchange_token"] == ShortUserToken ? new JsonObject { ["access_token"] = LongUserToken, ["token_type"] = "bearer" } : null);
            return;
        }

        await WriteAsync(context, query["code"] == OAuthCode && query["redirect_uri"].ToString().Length > 0
            ? new JsonObject { ["access_token"] = ShortUserToken, ["token_type"] = "bearer", ["expires_in"] = 5183944 }
            : null);
    }

    private static Task UnknownObjectAsync(HttpContext context, string id) =>
        ErrorAsync(context, 400, 100, $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", subcode: 33);

    private static Task RevokedAsync(HttpContext context) =>
        ErrorAsync(context, 400, 190, "Error validating access token: The session has been invalidated because the user changed their password.", subcode: 460);

    /// <summary>200 with the body, or Graph's invalid-token error when <paramref name="body"/> is null.</summary>
    private static Task WriteAsync(HttpContext context, JsonObject? body) =>
        body is null
            ? ErrorAsync(context, 400, 190, "Invalid OAuth access token - Cannot parse access token")
            : context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);

    public static Task ErrorAsync(HttpContext context, int status, int code, string message, int? subcode = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["message"] = message, ["type"] = "OAuthException", ["code"] = code, ["fbtrace_id"] = "AbCdEfGh123" };
        if (subcode is { } sub)
        {
            error["error_subcode"] = sub;
        }

        return context.Response.WriteAsync(new JsonObject { ["error"] = error }.ToJsonString(), context.RequestAborted);
    }

    private sealed record FakePage(string Id, string Name, string Token);

    private sealed record FakeForm(string PageId, string Id, string Name, string[] QuestionKeys)
    {
        public List<(DateTimeOffset Created, JsonObject Lead)> Leads { get; } = [];
    }
}

/// <summary>A scripted answer for the next <paramref name="times"/> requests whose path contains <paramref name="pathPart"/>.</summary>
public sealed class FakeFault(string pathPart, int times, int status, int? code = null, IReadOnlyDictionary<string, string>? headers = null, string message = "Scripted Graph error")
{
    private int _remaining = times;

    public bool Matches(string path) => path.Contains(pathPart, StringComparison.Ordinal);

    public bool TryTake() => Interlocked.Decrement(ref _remaining) >= 0;

    public Task WriteAsync(HttpContext context)
    {
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        return code is { } graphCode
            ? FakeGraphApi.ErrorAsync(context, status, graphCode, message)
            : WriteStatusAsync(context, status);
    }

    private static Task WriteStatusAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsync("<html>Service Unavailable</html>", context.RequestAborted);
    }
}
