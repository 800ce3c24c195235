namespace Sentier.Core.Tests.Tokens;

public sealed class ApiAppStoreDeletion
{
    [Fact]
    public async Task DeletingAnAppRemovesItsRowAndTokenPointer()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, _) = await h.NewAppAsync(account.Id);

        Assert.True(await h.Apps.DeleteAsync(app, CancellationToken.None));
        Assert.Null(await h.Apps.FindAsync(account.Id, app.Id, CancellationToken.None));
        Assert.Null(await h.Apps.FindByTokenHashAsync(app.TokenHash, CancellationToken.None));
    }
}
