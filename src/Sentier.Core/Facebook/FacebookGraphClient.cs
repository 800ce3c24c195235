using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sentier.Core.Facebook;

/// <summary>A Page as <c>GET /{page-id}</c> or <c>/me/accounts</c> names it; the token only from <c>/me/accounts</c>.</summary>
public sealed record GraphPage(string Id, string Name, string? AccessToken);

/// <summary>One question of a lead form: its <c>key</c> is the <c>field_data[].name</c> of the answers.</summary>
public sealed record GraphQuestion(string Key, string? Label, string? Type);

public sealed record GraphForm(string Id, string Name, string? Status, long? LeadsCount, IReadOnlyList<GraphQuestion> Questions);

/// <summary>
/// The Graph API calls of the Facebook Lead Ads integration, through the <see cref="HttpClientName"/>
/// client, whose resilience handler retries transient failures (5xx, timeouts) with backoff. Tokens go
/// in the Authorization header, never in a URL; the client's own request logging is off, and this
/// class logs paths only. A failed answer becomes a <see cref="GraphException"/>.
/// </summary>
public sealed class FacebookGraphClient(IHttpClientFactory clients, IOptions<FacebookOptions> options, TimeProvider clock, ILogger<FacebookGraphClient> logger)
{
    public const string HttpClientName = "facebook-graph";

    /// <summary>The lead fields a sync reads.</summary>
    public const string LeadFields = "id,created_time,field_data,ad_id,form_id,campaign_id,is_organic,platform";

    public const int PageSize = 100;

    private readonly FacebookOptions _options = options.Value;

    private Uri Root => _options.GraphRoot;

    /// <summary><c>GET /{page-id}?fields=id,name</c>: checks that a Page token works and names the Page.</summary>
    public async Task<GraphPage> GetPageAsync(string pageId, string token, CancellationToken cancellationToken)
    {
        using var body = await GetAsync(Url($"{Uri.EscapeDataString(pageId)}?fields=id,name"), token, cancellationToken);
        return new GraphPage(Text(body.RootElement, "id") ?? pageId, Text(body.RootElement, "name") ?? "", null);
    }

    /// <summary><c>GET /me?fields=id</c>: whom the token speaks for (a Page token: its Page).</summary>
    public async Task<string?> GetTokenOwnerIdAsync(string token, CancellationToken cancellationToken)
    {
        using var body = await GetAsync(Url("me?fields=id"), token, cancellationToken);
        return Text(body.RootElement, "id");
    }

    /// <summary>
    /// <c>GET /{form-id}?fields=id,page</c>: the id of the Page a lead form belongs to. Graph answers
    /// error 100 for a form the token's Page cannot see, as for an id that does not exist.
    /// </summary>
    public async Task<string?> GetFormPageIdAsync(string formId, string token, CancellationToken cancellationToken)
    {
        using var body = await GetAsync(Url($"{Uri.EscapeDataString(formId)}?fields=id,page"), token, cancellationToken);
        return body.RootElement.TryGetProperty("page", out var page) ? Text(page, "id") : null;
    }

    /// <summary><c>GET /{page-id}/leadgen_forms</c>, every page of it.</summary>
    public async Task<IReadOnlyList<GraphForm>> ListFormsAsync(string pageId, string token, CancellationToken cancellationToken)
    {
        var forms = new List<GraphForm>();
        var first = Url($"{Uri.EscapeDataString(pageId)}/leadgen_forms?fields=id,name,status,leads_count,questions&limit={PageSize}");
        await foreach (var items in ReadPagesAsync(first, token, cancellationToken))
        {
            foreach (var form in items.Where(item => item.ValueKind == JsonValueKind.Object))
            {
                var questions = form.TryGetProperty("questions", out var q) && q.ValueKind == JsonValueKind.Array
                    ? q.EnumerateArray().Where(e => Text(e, "key") is not null).Select(e => new GraphQuestion(Text(e, "key")!, Text(e, "label"), Text(e, "type"))).ToList()
                    : [];
                var leads = form.TryGetProperty("leads_count", out var count) && count.TryGetInt64(out var n) ? n : (long?)null;
                forms.Add(new GraphForm(Text(form, "id") ?? "", Text(form, "name") ?? "", Text(form, "status"), leads, questions));
            }
        }

        return forms;
    }

    /// <summary>
    /// <c>GET /{form-id}/leads</c> of the leads created after <paramref name="afterUnixSeconds"/>
    /// (<c>time_created GREATER_THAN</c>, in Unix seconds: an ISO date is silently ignored), one
    /// Graph page at a time until <c>paging.next</c> is absent.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<JsonElement>> ReadLeadsAsync(string formId, string token, long afterUnixSeconds, CancellationToken cancellationToken)
    {
        var filtering = $$"""[{"field":"time_created","operator":"GREATER_THAN","value":{{afterUnixSeconds.ToString(CultureInfo.InvariantCulture)}}}]""";
        var first = Url($"{Uri.EscapeDataString(formId)}/leads?fields={LeadFields}&filtering={Uri.EscapeDataString(filtering)}&limit={PageSize}");
        return ReadPagesAsync(first, token, cancellationToken);
    }

    /// <summary><c>GET /{lead-id}?fields=…</c>: one lead, with the fields a leads page has.</summary>
    public async Task<JsonElement> GetLeadAsync(string leadId, string token, CancellationToken cancellationToken)
    {
        using var body = await GetAsync(Url($"{Uri.EscapeDataString(leadId)}?fields={LeadFields}"), token, cancellationToken);
        return body.RootElement.Clone();
    }

    /// <summary>The OAuth code exchange: the short-lived user token the login dialog's code stands for.</summary>
    public async Task<string> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken)
    {
        var url = Url("oauth/access_token?" + Query(("client_id", RequireAppId()), ("redirect_uri", redirectUri), ("client_secret", RequireAppSecret()), ("code", code)));
        using var body = await GetAsync(url, token: null, cancellationToken);
        return Text(body.RootElement, "access_token") ?? throw Malformed("oauth/access_token", "no access_token");
    }

    /// <summary>A long-lived user token (about 60 days) for a short-lived one; Page tokens read with it do not expire.</summary>
    public async Task<string> ExchangeForLongLivedAsync(string userToken, CancellationToken cancellationToken)
    {
        var url = Url("oauth/access_token?" + Query(
            ("grant_type", "fb_exchange_token"), ("client_id", RequireAppId()), ("client_secret", RequireAppSecret()), ("fb_exchange_token", userToken)));
        using var body = await GetAsync(url, token: null, cancellationToken);
        return Text(body.RootElement, "access_token") ?? throw Malformed("oauth/access_token", "no access_token");
    }

    /// <summary><c>GET /me/accounts</c>: the Pages the user manages, each with its Page token.</summary>
    public async Task<IReadOnlyList<GraphPage>> ListManagedPagesAsync(string userToken, CancellationToken cancellationToken)
    {
        var pages = new List<GraphPage>();
        await foreach (var items in ReadPagesAsync(Url($"me/accounts?fields=id,name,access_token&limit={PageSize}"), userToken, cancellationToken))
        {
            pages.AddRange(items.Where(item => Text(item, "id") is not null && Text(item, "access_token") is not null)
                .Select(item => new GraphPage(Text(item, "id")!, Text(item, "name") ?? "", Text(item, "access_token"))));
        }

        return pages;
    }

    private async IAsyncEnumerable<IReadOnlyList<JsonElement>> ReadPagesAsync(Uri first, string token, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (Uri? url = first; url is not null;)
        {
            using var body = await GetAsync(url, token, cancellationToken);
            var items = body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                ? data.EnumerateArray().Select(item => item.Clone()).ToList()
                : throw Malformed(GraphUrls.ForLog(url), "no data array");

            // A page may be empty and still have a next one: only a missing next ends the list.
            var next = body.RootElement.TryGetProperty("paging", out var paging) && paging.ValueKind == JsonValueKind.Object ? Text(paging, "next") : null;
            url = GraphUrls.NextPage(next, Root);
            if (next is not null && url is null)
            {
                throw Malformed(GraphUrls.ForLog(first), "paging.next points outside the Graph API");
            }

            if (url is not null && !seen.Add(url.PathAndQuery))
            {
                throw Malformed(GraphUrls.ForLog(first), "paging.next repeats a page already read");
            }

            yield return items;
        }
    }

    private async Task<JsonDocument> GetAsync(Uri url, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        JsonDocument? body = null;
        try
        {
            body = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (response.IsSuccessStatusCode && body is not null && !body.RootElement.TryGetProperty("error", out _))
        {
            return body;
        }

        using (body)
        {
            var failure = GraphFailures.Read(response.StatusCode, body?.RootElement, name => Header(response, name), clock.GetUtcNow(), token, _options.AppSecret);
            logger.LogWarning(
                "Graph GET {Path} answered {Status}: {Kind}, code {Code}, fbtrace_id {TraceId}",
                GraphUrls.ForLog(url), (int)response.StatusCode, failure.Kind, failure.Code, failure.TraceId);
            throw failure;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private Uri Url(string relative) => new(Root, relative);

    private static string Query(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));

    private string RequireAppId() =>
        FacebookOptions.IsSet(_options.AppId) ? _options.AppId! : throw new GraphException(GraphFailureKind.Refused, "Facebook:AppId is not configured.", null, null, false, null);

    private string RequireAppSecret() =>
        FacebookOptions.IsSet(_options.AppSecret) ? _options.AppSecret! : throw new GraphException(GraphFailureKind.Refused, "Facebook:AppSecret is not configured.", null, null, false, null);

    private static GraphException Malformed(string path, string what) =>
        new(GraphFailureKind.Refused, $"Graph's answer to {path} is not what the API documents: {what}.", null, null, false, null);

    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
