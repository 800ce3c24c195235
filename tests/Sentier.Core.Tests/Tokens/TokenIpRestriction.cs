using Sentier.Core.Common;

namespace Sentier.Core.Tests.Tokens;

public sealed class TokenIpRestriction
{
    [Fact]
    public async Task Ipv4RangeAdmitsInsideAndDeniesOutside()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id, """{"name":"office","allowed_ips":["10.0.0.0/8"]}""");

        Assert.Equal(app.Id, (await h.AuthenticateAsync(token, "10.1.2.3")).App.Id);
        Assert.Equal(app.Id, (await h.AuthenticateAsync(token, "::ffff:10.1.2.3")).App.Id);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => h.AuthenticateAsync(token, "192.168.1.1"));
        Assert.Contains("192.168.1.1", ex.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.AuthenticateAsync(token, "2001:db8::1"));
    }

    [Fact]
    public async Task UnknownClientAddressIsDeniedWhenTheAppIsRestricted()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (_, token) = await h.NewAppAsync(account.Id, """{"name":"office","allowed_ips":"10.0.0.0/8"}""");

        await Assert.ThrowsAsync<AccessDeniedException>(() => h.AuthenticateAsync(token, null));
    }

    [Fact]
    public async Task Ipv6RangeAdmitsInsideAndDeniesOutside()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id, """{"name":"v6","allowed_ips":["2001:db8::/32"]}""");

        Assert.Equal(app.Id, (await h.AuthenticateAsync(token, "2001:db8:1::5")).App.Id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.AuthenticateAsync(token, "2001:db9::1"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.AuthenticateAsync(token, "10.1.2.3"));
    }

    [Fact]
    public async Task UnrestrictedAppAdmitsAnyAddress()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (_, token) = await h.NewAppAsync(account.Id);

        await h.AuthenticateAsync(token, "192.168.1.1");
        await h.AuthenticateAsync(token, "2001:db8::1");
        await h.AuthenticateAsync(token, null);
    }

    [Fact]
    public async Task AllowListSurvivesTheRoundTripThroughStorage()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, _) = await h.NewAppAsync(account.Id, """{"name":"mixed","allowed_ips":"10.0.0.1/8, 2001:DB8::1/48 192.168.1.1"}""");

        var stored = await h.Service.GetAsync(await h.NewManagerAsync(account.Id), app.Id, CancellationToken.None);

        Assert.Equal(["10.0.0.0/8", "2001:db8::/48", "192.168.1.1"], stored.AllowedIps.Entries);
    }
}
