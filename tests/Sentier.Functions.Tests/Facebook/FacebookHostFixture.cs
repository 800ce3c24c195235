using System.Net;
using System.Text.Json;
using Sentier.Functions.Tests.Infrastructure;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Facebook;

/// <summary>
/// A fake Graph API on loopback and a DevHost pointed at it with <c>Facebook__GraphBaseUrl</c>, as a
/// developer would point a running DevHost at another Graph server, running the sync queue worker.
/// </summary>
public sealed class FacebookHostFixture : IAsyncLifetime
{
    public const string VerifyToken = "meta-verify-token-for-tests";

    /// <summary>The UI page the login dialog may return to (<c>Facebook__RedirectUris</c>).</summary>
    public const string RedirectUri = "https://app.example.com/facebook/done";

    private FakeGraphApi? _graph;
    private DevHostServer? _server;

    public FakeGraphApi Graph => _graph!;

    public DevHostServer Server => _server!;

    public ApiClient Api => new(Server.Client);

    public async Task InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync();
        var settings = new Dictionary<string, string>(DevHostServer.SyncingFacebook)
        {
            ["Facebook__GraphBaseUrl"] = _graph.BaseUrl.ToString(),
            ["Facebook__GraphVersion"] = FakeGraphApi.Version,
            ["Facebook__AppId"] = FakeGraphApi.AppId,
            ["Facebook__AppSecret"] = FakeGraphApi.AppSecret,
            ["Facebook__VerifyToken"] = VerifyToken,
            ["Facebook__RedirectUris"] = RedirectUri,
        };
        _server = await DevHostServer.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_graph is not null)
        {
            await _graph.DisposeAsync();
        }
    }

    /// <summary>A new account with a Page of its own on the fake Graph, connected; returns the account, the Page id and its token.</summary>
    public async Task<(TestAccount Account, string PageId, string PageToken)> ConnectedAccountAsync()
    {
        var account = await Server.CreateAccountAsync("facebook");
        var pageId = "7" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var token = "EAApage" + Guid.NewGuid().ToString("N");
        Graph.AddPage(pageId, "Page " + pageId, token);
        var connected = await Api.PostAsync("facebook/connections", JsonSerializer.Serialize(new { page_id = pageId, access_token = token }), account.Token);
        ApiAssert.Status(HttpStatusCode.Created, connected);
        return (account, pageId, token);
    }

    /// <summary>A form id no other test uses (Meta's webhook routes by form id across accounts).</summary>
    public static string NewFormId() => "8" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
