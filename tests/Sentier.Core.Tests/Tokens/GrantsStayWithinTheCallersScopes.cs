using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>An app grants only scopes it holds, whether it creates an app or changes one.</summary>
public sealed class GrantsStayWithinTheCallersScopes
{
    private const string ContactsManager = """{"name":"contacts manager","scopes":["apps:manage","contacts:read","contacts:write"]}""";

    [Fact]
    public async Task CreatingAnAppWithAScopeTheCallerLacksIsRefusedByName()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (caller, _) = await h.NewAppAsync(account.Id, ContactsManager);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            h.Service.CreateAsync(caller, TokenHarness.Json("""{"name":"hooks","scopes":["contacts:read","webhooks:write","facebook:read"]}"""), CancellationToken.None));

        Assert.Contains("'webhooks:write'", ex.Message);
        Assert.Contains("'facebook:read'", ex.Message);
        Assert.DoesNotContain("'contacts:read'", ex.Message);
        Assert.Equal(caller.Id, Assert.Single((await h.Service.ListAsync(caller, PageRequest.First, CancellationToken.None)).Items).Id);
    }

    [Fact]
    public async Task CreatingWithinTheCallersScopesWorks()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (caller, _) = await h.NewAppAsync(account.Id, ContactsManager);

        var (created, token) = await h.Service.CreateAsync(caller, TokenHarness.Json("""{"name":"reader","scopes":["contacts:read"]}"""), CancellationToken.None);
        var (another, _) = await h.Service.CreateAsync(caller, TokenHarness.Json("""{"name":"peer","scopes":["apps:manage"]}"""), CancellationToken.None);

        Assert.Equal(Scope.ContactsRead, created.Scopes);
        Assert.Equal(Scope.AppsManage, another.Scopes);
        Assert.Equal(Scope.ContactsRead, (await h.AuthenticateAsync(token)).App.Scopes);
    }

    [Fact]
    public async Task AddingAScopeTheCallerLacksToAnotherAppIsRefused()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (caller, _) = await h.NewAppAsync(account.Id, ContactsManager);
        var (target, _) = await h.NewAppAsync(account.Id, """{"name":"target","scopes":["contacts:read"]}""");

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            h.Service.UpdateAsync(caller, target.Id, TokenHarness.Json("""{"scopes":["contacts:read","webhooks:read"]}"""), CancellationToken.None));

        Assert.Contains("'webhooks:read'", ex.Message);
        Assert.Equal(Scope.ContactsRead, (await h.Service.GetAsync(caller, target.Id, CancellationToken.None)).Scopes);
    }

    [Fact]
    public async Task ScopesTheTargetAlreadyHoldsMayStayOrGoEvenIfTheCallerLacksThem()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (caller, _) = await h.NewAppAsync(account.Id, ContactsManager);
        var (target, _) = await h.NewAppAsync(account.Id, """{"name":"target","scopes":["webhooks:read","webhooks:write"]}""");

        var kept = await h.Service.UpdateAsync(caller, target.Id, TokenHarness.Json("""{"scopes":["webhooks:read","webhooks:write","contacts:read"]}"""), CancellationToken.None);
        var narrowed = await h.Service.UpdateAsync(caller, target.Id, TokenHarness.Json("""{"scopes":["webhooks:read"]}"""), CancellationToken.None);

        Assert.Equal(Scope.WebhooksRead | Scope.WebhooksWrite | Scope.ContactsRead, kept.Scopes);
        Assert.Equal(Scope.WebhooksRead, narrowed.Scopes);
    }

    [Fact]
    public async Task UnknownScopesAndNullAreBadRequests()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (target, _) = await h.NewAppAsync(account.Id);

        var unknown = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.Service.UpdateAsync(manager, target.Id, TokenHarness.Json("""{"scopes":["contacts:read","contacts:delete"]}"""), CancellationToken.None));
        var notAList = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.Service.CreateAsync(manager, TokenHarness.Json("""{"name":"x","scopes":null}"""), CancellationToken.None));
        var notStrings = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.Service.CreateAsync(manager, TokenHarness.Json("""{"name":"x","scopes":[1]}"""), CancellationToken.None));

        Assert.Contains("'contacts:delete'", unknown.Message);
        Assert.Contains("'scopes'", notAList.Message);
        Assert.Contains("'scopes'", notStrings.Message);
        Assert.Equal(Scopes.Default, (await h.Service.GetAsync(manager, target.Id, CancellationToken.None)).Scopes);
    }
}
