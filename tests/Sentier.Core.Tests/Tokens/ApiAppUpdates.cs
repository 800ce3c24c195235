using Sentier.Core.Common;

namespace Sentier.Core.Tests.Tokens;

public sealed class ApiAppUpdates
{
    [Fact]
    public async Task AllowedIpsChangeAppliesAtOnceOnTheSameInstance()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, token) = await h.NewAppAsync(account.Id);
        await h.AuthenticateAsync(token, "192.168.1.1");

        var updated = await h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json("""{"allowed_ips":["10.0.0.0/8"]}"""), CancellationToken.None);

        Assert.Equal(["10.0.0.0/8"], updated.AllowedIps.Entries);
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.AuthenticateAsync(token, "192.168.1.1"));
        await h.AuthenticateAsync(token, "10.1.2.3");

        await h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json("""{"allowed_ips":null}"""), CancellationToken.None);

        await h.AuthenticateAsync(token, "192.168.1.1");
    }

    [Fact]
    public async Task PartialUpdateLeavesOtherFieldsAlone()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var expires = TokenHarness.Start.AddDays(10);
        var (app, token) = await h.NewAppAsync(
            account.Id, $$"""{"name":"CRM","description":"old","allowed_ips":["10.0.0.0/8"],"expires":"{{ApiDates.Format(expires)}}"}""");

        var returned = await h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json("""{"description":"new"}"""), CancellationToken.None);
        var stored = await h.Service.GetAsync(manager, app.Id, CancellationToken.None);

        foreach (var current in new[] { returned, stored })
        {
            Assert.Equal("new", current.Description);
            Assert.Equal("CRM", current.Name);
            Assert.Equal(["10.0.0.0/8"], current.AllowedIps.Entries);
            Assert.Equal(expires, current.Expires);
            Assert.Equal(app.Created, current.Created);
            Assert.Equal(app.TokenHash, current.TokenHash);
            Assert.Equal(app.TokenHint, current.TokenHint);
        }

        Assert.Equal(app.Id, (await h.AuthenticateAsync(token, "10.0.0.1")).App.Id);
    }

    [Fact]
    public async Task NameIsTrimmedOnUpdate()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, _) = await h.NewAppAsync(account.Id);

        var updated = await h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json("""{"NAME":"  Renamed  "}"""), CancellationToken.None);

        Assert.Equal("Renamed", updated.Name);
        Assert.Equal("Renamed", (await h.Service.GetAsync(manager, app.Id, CancellationToken.None)).Name);
    }

    [Fact]
    public async Task ExplicitNullClearsDescriptionAndExpiry()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, token) = await h.NewAppAsync(
            account.Id, $$"""{"name":"temp","description":"soon gone","expires":"{{ApiDates.Format(TokenHarness.Start.AddMinutes(5))}}"}""");

        await h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json("""{"description":null,"expires":null}"""), CancellationToken.None);

        var stored = await h.Service.GetAsync(manager, app.Id, CancellationToken.None);
        Assert.Null(stored.Description);
        Assert.Null(stored.Expires);
        Assert.Equal("temp", stored.Name);

        h.Time.Advance(TimeSpan.FromDays(365));
        Assert.Equal(app.Id, (await h.AuthenticateAsync(token)).App.Id);
    }

    [Fact]
    public async Task BlankDescriptionIsStoredAsNone()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, _) = await h.NewAppAsync(account.Id, """{"name":"x","description":"something"}""");

        var updated = await h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json("""{"description":"   "}"""), CancellationToken.None);

        Assert.Null(updated.Description);
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(0)]
    public async Task ExpiryNotInTheFutureIsRejectedAndNothingChanges(int secondsFromNow)
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, _) = await h.NewAppAsync(account.Id, """{"name":"keep","description":"keep"}""");
        var expires = ApiDates.Format(h.Time.GetUtcNow().AddSeconds(secondsFromNow));

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json($$"""{"description":"changed","expires":"{{expires}}"}"""), CancellationToken.None));

        Assert.Contains("'expires'", ex.Message);
        var stored = await h.Service.GetAsync(manager, app.Id, CancellationToken.None);
        Assert.Equal("keep", stored.Description);
        Assert.Null(stored.Expires);
    }

    [Fact]
    public async Task ExpiredAppCanStillBeRenamedWithoutTouchingExpiry()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var expires = TokenHarness.Start.AddMinutes(1);
        var (app, _) = await h.NewAppAsync(account.Id, $$"""{"name":"old","expires":"{{ApiDates.Format(expires)}}"}""");
        h.Time.Advance(TimeSpan.FromMinutes(2));

        var updated = await h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json("""{"name":"renamed"}"""), CancellationToken.None);

        Assert.Equal("renamed", updated.Name);
        Assert.Equal(expires, updated.Expires);
    }

    [Theory]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":"   "}""")]
    [InlineData("""{"name":null}""")]
    [InlineData("""{"name":42}""")]
    public async Task EmptyOrInvalidNameIsRejected(string json)
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, _) = await h.NewAppAsync(account.Id, """{"name":"original"}""");

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json(json), CancellationToken.None));

        Assert.Contains("'name'", ex.Message);
        Assert.Equal("original", (await h.Service.GetAsync(manager, app.Id, CancellationToken.None)).Name);
    }

    [Fact]
    public async Task InvalidAllowedIpsAreRejectedByEntry()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, _) = await h.NewAppAsync(account.Id);

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json("""{"allowed_ips":["10.0.0.0/8","abc"]}"""), CancellationToken.None));

        Assert.Contains("'abc'", ex.Message);
        Assert.Empty((await h.Service.GetAsync(manager, app.Id, CancellationToken.None)).AllowedIps.Entries);
    }

    [Fact]
    public async Task UpdatingAnUnknownAppIsNotFound()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);

        await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            h.Service.UpdateAsync(manager, ResourceIds.New(), TokenHarness.Json("""{"name":"x"}"""), CancellationToken.None));
    }
}
