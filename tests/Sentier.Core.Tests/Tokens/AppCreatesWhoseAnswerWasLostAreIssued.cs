using Azure.Core;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// Creating an app writes the app row, then the token pointer. When the answer to either add is
/// lost, the storage client sends it again and the repeat finds the row already there: that is the
/// create's own row, so the app is issued and its token works, instead of a 500 that leaves an app
/// nobody holds a token for (which would count as another manager and let the real one be revoked).
/// </summary>
public sealed class AppCreatesWhoseAnswerWasLostAreIssued
{
    [Theory]
    [InlineData("/ApiApps")]
    [InlineData("/ApiTokens")]
    public async Task TheAppIsIssuedAndItsTokenWorks(string table)
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var traffic = StorageTraffic.Create();
        traffic.LoseNextAnswer(RequestMethod.Post, table);
        var service = new ApiAppService(new ApiAppStore(traffic.Tables, h.Accounts), h.Authenticator, h.Time);

        var (app, token) = await service.CreateAsync(manager, TokenHarness.Json("""{"name":"X","scopes":["apps:manage"]}"""), CancellationToken.None);

        Assert.Equal(app.Id, (await h.AuthenticateAsync(token)).App.Id);
    }
}
