using Sentier.Core.Common;

namespace Sentier.Core.Tests.Tokens;

public sealed class TokenAuthenticatorRevocation
{
    [Fact]
    public async Task RevokedTokenIsRejectedAtOnceByTheSameInstanceEvenThoughCached()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, token) = await h.NewAppAsync(account.Id, """{"name":"to revoke"}""");
        var (other, otherToken) = await h.NewAppAsync(account.Id, """{"name":"keeps working"}""");
        await h.AuthenticateAsync(token);
        await h.AuthenticateAsync(otherToken);

        await h.Service.RevokeAsync(manager, app.Id, CancellationToken.None);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(token));
        Assert.Equal(other.Id, (await h.AuthenticateAsync(otherToken)).App.Id);
    }

    [Fact]
    public async Task RevokeRemovesTheAppAndItsTokenPointer()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, _) = await h.NewAppAsync(account.Id);

        await h.Service.RevokeAsync(manager, app.Id, CancellationToken.None);

        Assert.False((await h.AppsTable.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(app.AccountId, app.Id)).HasValue);
        Assert.False((await h.TokensTable.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(app.TokenHash, "")).HasValue);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.Service.GetAsync(manager, app.Id, CancellationToken.None));
        var list = await h.Service.ListAsync(manager, PageRequest.First, CancellationToken.None);
        Assert.DoesNotContain(list.Items, a => a.Id == app.Id);
    }

    [Fact]
    public async Task RevokingTwiceSucceedsAndTheTokenStaysRevoked()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, _) = await h.NewAppAsync(account.Id);
        await h.Service.RevokeAsync(manager, app.Id, CancellationToken.None);

        await h.Service.RevokeAsync(manager, app.Id, CancellationToken.None);

        Assert.Null(await h.Apps.FindAsync(account.Id, app.Id, CancellationToken.None));
    }
}
