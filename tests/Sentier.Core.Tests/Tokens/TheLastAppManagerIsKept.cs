using Azure.Core;
using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// An account always keeps an app that can manage apps (holds <c>apps:manage</c>, not expired): the
/// API refuses (409) to revoke the last one or take the scope from it, also when two requests race.
/// </summary>
public sealed class TheLastAppManagerIsKept
{
    [Fact]
    public async Task TheOnlyManagerCannotRevokeItself()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (manager, token) = await h.NewAppAsync(account.Id, """{"name":"only","scopes":["apps:manage","contacts:read"]}""");
        await h.NewAppAsync(account.Id, """{"name":"contacts only"}""");

        var ex = await Assert.ThrowsAsync<ConflictException>(() => h.Service.RevokeAsync(manager, manager.Id, CancellationToken.None));

        Assert.Contains("'apps:manage'", ex.Message);
        Assert.Equal(manager.Id, (await h.AuthenticateAsync(token)).App.Id);
    }

    [Fact]
    public async Task AManagerMayGoWhileAnotherRemains()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (first, firstToken) = await h.NewAppAsync(account.Id, """{"name":"first","scopes":["apps:manage"]}""");
        var (second, _) = await h.NewAppAsync(account.Id, """{"name":"second","scopes":["apps:manage"]}""");

        await h.Service.RevokeAsync(first, first.Id, CancellationToken.None);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(firstToken));
        await Assert.ThrowsAsync<ConflictException>(() => h.Service.RevokeAsync(second, second.Id, CancellationToken.None));
    }

    [Fact]
    public async Task AnExpiredManagerDoesNotCount()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (lasting, _) = await h.NewAppAsync(account.Id, """{"name":"lasting","scopes":["apps:manage"]}""");
        await h.NewAppAsync(account.Id, $$"""{"name":"expiring","scopes":["apps:manage"],"expires":"{{ApiDates.Format(TokenHarness.Start.AddHours(1))}}"}""");
        h.Time.Advance(TimeSpan.FromHours(2));

        await Assert.ThrowsAsync<ConflictException>(() => h.Service.RevokeAsync(lasting, lasting.Id, CancellationToken.None));
    }

    [Fact]
    public async Task TheScopeCannotBeTakenFromTheLastManager()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (a, _) = await h.NewAppAsync(account.Id, """{"name":"A","scopes":["apps:manage","contacts:read"]}""");
        var (b, _) = await h.NewAppAsync(account.Id, """{"name":"B","scopes":["apps:manage","contacts:read"]}""");
        await h.Service.UpdateAsync(a, b.Id, TokenHarness.Json("""{"scopes":["contacts:read"]}"""), CancellationToken.None);

        // B as another instance's token cache still has it, holding the scope it just lost.
        var ex = await Assert.ThrowsAsync<ConflictException>(() =>
            h.Service.UpdateAsync(b, a.Id, TokenHarness.Json("""{"scopes":["contacts:read"]}"""), CancellationToken.None));

        Assert.Contains("'apps:manage'", ex.Message);
        Assert.Equal(Scope.AppsManage | Scope.ContactsRead, (await h.Service.GetAsync(a, a.Id, CancellationToken.None)).Scopes);
    }

    /// <summary>
    /// A revokes B while B revokes A, and each saw the other as the manager that remains. The first
    /// delete is held until the second has committed; it must then fail on the changed keeper and
    /// answer 409 on its fresh read, not leave the account without a manager.
    /// </summary>
    [Fact]
    public async Task TwoManagersRevokingEachOtherAtOnceLeaveOne()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (a, tokenA) = await h.NewAppAsync(account.Id, """{"name":"A","scopes":["apps:manage"]}""");
        var (b, tokenB) = await h.NewAppAsync(account.Id, """{"name":"B","scopes":["apps:manage"]}""");
        var traffic = StorageTraffic.Create();
        var service = new ApiAppService(new ApiAppStore(traffic.Tables, h.Accounts), h.Authenticator, h.Time);

        var firstCommit = traffic.HoldNext(RequestMethod.Post, "/$batch", afterAnswer: false);
        var aRevokesB = Task.Run(() => service.RevokeAsync(a, b.Id, CancellationToken.None));
        await firstCommit.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        await service.RevokeAsync(b, a.Id, CancellationToken.None);
        firstCommit.Release();

        await Assert.ThrowsAsync<ConflictException>(() => aRevokesB);
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(tokenA));
        Assert.Equal(b.Id, (await h.AuthenticateAsync(tokenB)).App.Id);
        var remaining = await h.Service.ListAsync(b, PageRequest.First, CancellationToken.None);
        Assert.Equal(b.Id, Assert.Single(remaining.Items).Id);
    }
}
