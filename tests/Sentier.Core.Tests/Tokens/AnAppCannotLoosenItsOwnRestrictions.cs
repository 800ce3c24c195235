using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// A leaked token cannot free itself: even holding <c>apps:manage</c>, an app cannot change its own
/// <c>allowed_ips</c>, <c>expires</c> or <c>scopes</c>. Its name and description are its own to change.
/// </summary>
public sealed class AnAppCannotLoosenItsOwnRestrictions
{
    [Theory]
    [InlineData("""{"allowed_ips":null}""")]
    [InlineData("""{"allowed_ips":["10.0.0.0/8","192.168.0.0/16"]}""")]
    [InlineData("""{"expires":null}""")]
    [InlineData("""{"expires":"2040-01-01T00:00:00"}""")]
    [InlineData("""{"scopes":["contacts:read"]}""")]
    [InlineData("""{"name":"innocent","scopes":["apps:manage","contacts:read","contacts:write"]}""")]
    public async Task ItsOwnRestrictionsAreRefusedAndNothingChanges(string changes)
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var expires = ApiDates.Format(TokenHarness.Start.AddHours(1));
        var (leaked, token) = await h.NewAppAsync(
            account.Id, $$"""{"name":"partner","allowed_ips":["10.0.0.0/8"],"expires":"{{expires}}","scopes":["apps:manage","contacts:read"]}""");

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => h.Service.UpdateAsync(leaked, leaked.Id, TokenHarness.Json(changes), CancellationToken.None));

        Assert.Contains("own", ex.Message);
        var stored = await h.Service.GetAsync(await h.NewManagerAsync(account.Id), leaked.Id, CancellationToken.None);
        Assert.Equal("partner", stored.Name);
        Assert.Equal(["10.0.0.0/8"], stored.AllowedIps.Entries);
        Assert.Equal(TokenHarness.Start.AddHours(1), stored.Expires);
        Assert.Equal(Scope.AppsManage | Scope.ContactsRead, stored.Scopes);
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.AuthenticateAsync(token, "192.168.1.1"));
    }

    [Fact]
    public async Task ItMayRenameAndDescribeItselfAndRestateWhatItHas()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var expires = ApiDates.Format(TokenHarness.Start.AddHours(1));
        var (app, _) = await h.NewAppAsync(
            account.Id, $$"""{"name":"partner","allowed_ips":["10.0.0.0/8"],"expires":"{{expires}}","scopes":["apps:manage","contacts:read"]}""");

        // A client that sends back everything it read, with a new name, changes no restriction.
        var updated = await h.Service.UpdateAsync(
            app, app.Id,
            TokenHarness.Json($$"""{"name":"renamed","description":"ours","allowed_ips":["10.1.2.3/8"],"expires":"{{expires}}","scopes":["contacts:read","apps:manage"]}"""),
            CancellationToken.None);

        Assert.Equal("renamed", updated.Name);
        Assert.Equal("ours", updated.Description);
        Assert.Equal(["10.0.0.0/8"], updated.AllowedIps.Entries);
        Assert.Equal(app.Expires, updated.Expires);
        Assert.Equal(app.Scopes, updated.Scopes);
    }

    [Fact]
    public async Task AnotherManagerMayChangeThem()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, token) = await h.NewAppAsync(account.Id, """{"name":"partner","allowed_ips":["10.0.0.0/8"],"scopes":["apps:manage","contacts:read"]}""");
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.AuthenticateAsync(token, "192.168.1.1"));

        var updated = await h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json("""{"allowed_ips":null,"scopes":["contacts:read"]}"""), CancellationToken.None);

        Assert.True(updated.AllowedIps.AllowsAll);
        Assert.Equal(Scope.ContactsRead, updated.Scopes);
        Assert.Equal(Scope.ContactsRead, (await h.AuthenticateAsync(token, "192.168.1.1")).App.Scopes);
    }
}
