using Azure.Core;
using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class ApiAppStoreDeletion
{
    [Fact]
    public async Task DeletingAnAppRemovesItsRowAndTokenPointer()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, _) = await h.NewAppAsync(account.Id);

        Assert.True(await h.Apps.DeleteAsync(app, keeper: null, CancellationToken.None));
        Assert.Null(await h.Apps.FindAsync(account.Id, app.Id, CancellationToken.None));
        Assert.Null(await h.Apps.FindByTokenHashAsync(app.TokenHash, CancellationToken.None));
    }

    [Fact]
    public async Task DeletingTheSameAppTwiceReportsThatItWasAlreadyGone()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, _) = await h.NewAppAsync(account.Id);

        Assert.True(await h.Apps.DeleteAsync(app, keeper: null, CancellationToken.None));
        Assert.False(await h.Apps.DeleteAsync(app, keeper: null, CancellationToken.None));
    }

    [Fact]
    public async Task DeletingAnAppThatNeverExistedIsFalse()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, _) = await h.NewAppAsync(account.Id);
        var never = app with { Id = ResourceIds.New() };

        Assert.False(await h.Apps.DeleteAsync(never, keeper: null, CancellationToken.None));

        // The real app and its token pointer are untouched.
        Assert.NotNull(await h.Apps.FindAsync(account.Id, app.Id, CancellationToken.None));
        Assert.NotNull(await h.Apps.FindByTokenHashAsync(app.TokenHash, CancellationToken.None));
    }

    [Fact]
    public async Task OfTwoConcurrentRevokesBothSucceedAndTheAppIsGone()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, token) = await h.NewAppAsync(account.Id);
        var traffic = StorageTraffic.Create();
        var service = new ApiAppService(new ApiAppStore(traffic.Tables, h.Accounts), h.Authenticator, h.Time);
        var appRow = StorageTraffic.AppRowPath(account.Id, app.Id);

        // The first delete waits until both revokes have read the app, so both get as far as deleting it.
        var firstDelete = traffic.HoldNext(RequestMethod.Delete, appRow, afterAnswer: false);
        var revokes = new[] { RevokeAsync(service, manager, app), RevokeAsync(service, manager, app) };
        await firstDelete.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        await TokenHarness.EventuallyAsync(
            () => Task.FromResult(traffic.Answered(RequestMethod.Get, appRow)),
            reads => reads == 2,
            TimeSpan.FromSeconds(10),
            "both revokes to read the app");
        firstDelete.Release();
        var outcomes = await Task.WhenAll(revokes);

        // The second finds the app gone by the first: revoked, which is what it asked for.
        Assert.All(outcomes, Assert.Null);
        Assert.Equal(2, traffic.Answered(RequestMethod.Delete, appRow));
        Assert.Null(await h.Apps.FindAsync(account.Id, app.Id, CancellationToken.None));
        Assert.Null(await h.Apps.FindByTokenHashAsync(app.TokenHash, CancellationToken.None));
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(token));
    }

    private static async Task<Exception?> RevokeAsync(ApiAppService service, ApiApp caller, ApiApp app)
    {
        try
        {
            await Task.Run(() => service.RevokeAsync(caller, app.Id, CancellationToken.None));
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
