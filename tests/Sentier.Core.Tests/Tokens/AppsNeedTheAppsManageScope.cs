using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>Without <c>apps:manage</c> an app can neither see nor touch the account's apps, its own included.</summary>
public sealed class AppsNeedTheAppsManageScope
{
    [Fact]
    public async Task EveryAppOperationIsRefusedNamingTheScope()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (restricted, _) = await h.NewAppAsync(account.Id, """{"name":"CRM","scopes":["contacts:read","contacts:write","webhooks:write"]}""");
        var (other, _) = await h.NewAppAsync(account.Id, """{"name":"other"}""");

        var refusals = new Func<Task>[]
        {
            () => h.Service.ListAsync(restricted, PageRequest.First, CancellationToken.None),
            () => h.Service.GetAsync(restricted, other.Id, CancellationToken.None),
            () => h.Service.CreateAsync(restricted, TokenHarness.Json("""{"name":"new"}"""), CancellationToken.None),
            () => h.Service.UpdateAsync(restricted, other.Id, TokenHarness.Json("""{"name":"renamed"}"""), CancellationToken.None),
            () => h.Service.UpdateAsync(restricted, restricted.Id, TokenHarness.Json("""{"name":"renamed"}"""), CancellationToken.None),
            () => h.Service.RevokeAsync(restricted, other.Id, CancellationToken.None),
            () => h.Service.RevokeAsync(restricted, restricted.Id, CancellationToken.None),
        };
        foreach (var refused in refusals)
        {
            var ex = await Assert.ThrowsAsync<AccessDeniedException>(refused);
            Assert.Contains("'apps:manage'", ex.Message);
        }

        var manager = await h.NewManagerAsync(account.Id);
        var apps = await h.Service.ListAsync(manager, PageRequest.First, CancellationToken.None);
        Assert.Equal(3, apps.Items.Count);
        Assert.Equal("CRM", (await h.Service.GetAsync(manager, restricted.Id, CancellationToken.None)).Name);
        Assert.Equal("other", (await h.Service.GetAsync(manager, other.Id, CancellationToken.None)).Name);
    }
}
