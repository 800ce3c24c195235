using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// Which scopes an app starts with: every one for the app made with the account and for the
/// operator's, the default ones for an app made through the API, unless the request names them.
/// </summary>
public sealed class NewAppsStartWithTheirScopes
{
    [Fact]
    public async Task TheAppMadeWithTheAccountHoldsEveryScope()
    {
        using var h = await TokenHarness.CreateAsync();

        var (_, app, token) = await h.AccountService.CreateAsync(TokenHarness.Json("""{"name":"Acme"}"""), CancellationToken.None);

        Assert.Equal(Scopes.All, app.Scopes);
        Assert.Equal(Scopes.All, (await h.AuthenticateAsync(token)).App.Scopes);
    }

    [Fact]
    public async Task AnAppMadeThroughTheApiHoldsTheDefaultScopes()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);

        var (app, token) = await h.Service.CreateAsync(manager, TokenHarness.Json("""{"name":"CRM"}"""), CancellationToken.None);

        Assert.Equal(Scope.ContactsRead | Scope.ContactsWrite, app.Scopes);
        Assert.Equal(Scope.ContactsRead | Scope.ContactsWrite, (await h.AuthenticateAsync(token)).App.Scopes);
        Assert.Equal("contacts:read contacts:write", (await h.ReadAppEntityAsync(app)).GetString("Scopes"));
    }

    [Fact]
    public async Task TheOperatorsAppHoldsEveryScopeUnlessItNamesThem()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();

        var (recovery, _) = await h.AccountService.IssueAppAsync(account.Id, TokenHarness.Json("""{"name":"Recovery"}"""), CancellationToken.None);
        var (reader, _) = await h.AccountService.IssueAppAsync(account.Id, TokenHarness.Json("""{"name":"Reader","scopes":["contacts:read"]}"""), CancellationToken.None);

        Assert.Equal(Scopes.All, recovery.Scopes);
        Assert.Equal(Scope.ContactsRead, reader.Scopes);
    }

    [Fact]
    public async Task AnAppWithNoScopesStaysWithoutThroughStorage()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);

        var (app, token) = await h.Service.CreateAsync(manager, TokenHarness.Json("""{"name":"ping only","scopes":[]}"""), CancellationToken.None);

        Assert.Equal(Scope.None, app.Scopes);
        Assert.Equal(Scope.None, (await h.AuthenticateAsync(token)).App.Scopes);
        Assert.Equal(Scope.None, (await h.Service.GetAsync(manager, app.Id, CancellationToken.None)).Scopes);
        Assert.True((await h.ReadAppEntityAsync(app)).ContainsKey("Scopes"));
    }
}
