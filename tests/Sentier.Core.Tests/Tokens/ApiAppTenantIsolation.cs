using Sentier.Core.Common;

namespace Sentier.Core.Tests.Tokens;

public sealed class ApiAppTenantIsolation
{
    [Fact]
    public async Task AnotherAccountCannotReadChangeOrRevokeAnApp()
    {
        using var h = await TokenHarness.CreateAsync();
        var accountA = await h.NewAccountAsync("A");
        var managerOfA = await h.NewManagerAsync(accountA.Id);
        var accountB = await h.NewAccountAsync("B");
        var managerOfB = await h.NewManagerAsync(accountB.Id);
        var (appOfA, tokenOfA) = await h.NewAppAsync(accountA.Id, """{"name":"A's app"}""");

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.Service.GetAsync(managerOfB, appOfA.Id, CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            h.Service.UpdateAsync(managerOfB, appOfA.Id, TokenHarness.Json("""{"name":"hijacked"}"""), CancellationToken.None));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.Service.RevokeAsync(managerOfB, appOfA.Id, CancellationToken.None));

        var stored = await h.Service.GetAsync(managerOfA, appOfA.Id, CancellationToken.None);
        Assert.Equal("A's app", stored.Name);
        Assert.Equal(accountA.Id, (await h.AuthenticateAsync(tokenOfA)).AccountId);
    }

    [Fact]
    public async Task ListsHoldOnlyTheAccountsOwnApps()
    {
        using var h = await TokenHarness.CreateAsync();
        var accountA = await h.NewAccountAsync("A");
        var managerOfA = await h.NewManagerAsync(accountA.Id);
        var accountB = await h.NewAccountAsync("B");
        var managerOfB = await h.NewManagerAsync(accountB.Id);
        var appsOfA = new[] { managerOfA.Id, (await h.NewAppAsync(accountA.Id)).App.Id, (await h.NewAppAsync(accountA.Id)).App.Id };

        var listOfA = await h.Service.ListAsync(managerOfA, new PageRequest(1, 100, null), CancellationToken.None);
        var listOfB = await h.Service.ListAsync(managerOfB, new PageRequest(1, 100, null), CancellationToken.None);

        Assert.Equal(appsOfA.Order(), listOfA.Items.Select(a => a.Id).Order());
        Assert.All(listOfA.Items, a => Assert.Equal(accountA.Id, a.AccountId));
        Assert.Equal(managerOfB.Id, Assert.Single(listOfB.Items).Id);
        Assert.Null(listOfB.Continuation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("../other")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    public async Task MalformedAppIdIsNotFound(string appId)
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.Service.GetAsync(manager, appId, CancellationToken.None));
    }

    [Fact]
    public async Task NotFoundMessageTruncatesALongId()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var appId = new string('a', 300);

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.Service.GetAsync(manager, appId, CancellationToken.None));

        Assert.DoesNotContain(appId, ex.Message);
        Assert.Contains(new string('a', 64), ex.Message);
    }
}
