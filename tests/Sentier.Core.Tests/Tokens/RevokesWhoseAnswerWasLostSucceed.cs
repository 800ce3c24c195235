using Azure.Core;
using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// When the answer to a revoke's delete is lost, the storage client sends the delete again and finds
/// the row gone: that is the revoke's own doing, so it succeeds rather than answer 404 for an app
/// it has just revoked. An app the account never had is still not found.
/// </summary>
public sealed class RevokesWhoseAnswerWasLostSucceed
{
    [Fact]
    public async Task TheRevokeSucceedsAndTheAppIsGone()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, _) = await h.NewAppAsync(account.Id);
        var traffic = StorageTraffic.Create();
        traffic.LoseNextAnswer(RequestMethod.Delete, StorageTraffic.AppRowPath(account.Id, app.Id));
        var service = new ApiAppService(new ApiAppStore(traffic.Tables, h.Accounts), h.Authenticator, h.Time);

        await service.RevokeAsync(manager, app.Id, CancellationToken.None);

        Assert.Null(await h.Apps.FindAsync(account.Id, app.Id, CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => service.RevokeAsync(manager, ResourceIds.New(), CancellationToken.None));
    }
}
