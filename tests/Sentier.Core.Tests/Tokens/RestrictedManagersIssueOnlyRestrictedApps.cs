using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// A leaked token that holds <c>apps:manage</c> but is limited to some addresses and a lifetime
/// cannot mint or reshape an app that escapes those limits: whatever it issues or changes is
/// limited to addresses within its own and expires no later than it does.
/// </summary>
public sealed class RestrictedManagersIssueOnlyRestrictedApps
{
    private static readonly string CallerExpires = ApiDates.Format(TokenHarness.Start.AddHours(1));
    private static readonly string Sooner = ApiDates.Format(TokenHarness.Start.AddMinutes(30));
    private static readonly string Later = ApiDates.Format(TokenHarness.Start.AddHours(2));

    [Theory]
    [InlineData("""{"name":"x","scopes":["contacts:read"]}""")]
    [InlineData("""{"name":"x","scopes":["contacts:read"],"allowed_ips":["10.1.0.0/16"]}""")]
    [InlineData("""{"name":"x","scopes":["contacts:read"],"allowed_ips":["11.0.0.0/8"],"expires":"SOONER"}""")]
    [InlineData("""{"name":"x","scopes":["contacts:read"],"allowed_ips":["0.0.0.0/0"],"expires":"SOONER"}""")]
    [InlineData("""{"name":"x","scopes":["contacts:read"],"allowed_ips":["10.1.0.0/16"],"expires":"LATER"}""")]
    [InlineData("""{"name":"x","scopes":["contacts:read"],"allowed_ips":["::ffff:10.0.0.0/100"],"expires":"SOONER"}""")]
    public async Task LooserAppsAreRefused(string body)
    {
        using var h = await TokenHarness.CreateAsync();
        var (caller, _) = await RestrictedManagerAsync(h);
        var before = (await h.Service.ListAsync(caller, new PageRequest(1, 100, null), CancellationToken.None)).Items.Count;

        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() => h.Service.CreateAsync(caller, TokenHarness.Json(Dated(body)), CancellationToken.None));

        Assert.Contains("the apps it issues or changes", refusal.Message);

        Assert.Equal(before, (await h.Service.ListAsync(caller, new PageRequest(1, 100, null), CancellationToken.None)).Items.Count);
    }

    [Fact]
    public async Task AppsWithinItsLimitsAreIssued()
    {
        using var h = await TokenHarness.CreateAsync();
        var (caller, _) = await RestrictedManagerAsync(h);

        var (app, _) = await h.Service.CreateAsync(
            caller, TokenHarness.Json(Dated("""{"name":"x","scopes":["contacts:read"],"allowed_ips":["10.1.0.0/16","10.2.3.4"],"expires":"SOONER"}""")), CancellationToken.None);

        Assert.Equal(["10.1.0.0/16", "10.2.3.4"], app.AllowedIps.Entries);
        Assert.Equal(TokenHarness.Start.AddMinutes(30), app.Expires);
    }

    [Fact]
    public async Task AnotherAppCannotBeLoosenedButMayBeRenamed()
    {
        using var h = await TokenHarness.CreateAsync();
        var (caller, account) = await RestrictedManagerAsync(h);
        var owner = await h.NewManagerAsync(account);

        await Assert.ThrowsAsync<AccessDeniedException>(() => h.Service.UpdateAsync(caller, owner.Id, TokenHarness.Json("""{"scopes":["contacts:read"]}"""), CancellationToken.None));
        var renamed = await h.Service.UpdateAsync(caller, owner.Id, TokenHarness.Json("""{"name":"renamed"}"""), CancellationToken.None);

        Assert.Equal("renamed", renamed.Name);
        Assert.Empty(renamed.AllowedIps.Entries);
        Assert.Null(renamed.Expires);
    }

    private static async Task<(ApiApp Caller, string AccountId)> RestrictedManagerAsync(TokenHarness h)
    {
        var account = await h.NewAccountAsync();
        var (caller, _) = await h.NewAppAsync(
            account.Id, $$"""{"name":"partner","allowed_ips":["10.0.0.0/8"],"expires":"{{CallerExpires}}","scopes":["apps:manage","contacts:read"]}""");
        return (caller, account.Id);
    }

    private static string Dated(string body) => body.Replace("SOONER", Sooner, StringComparison.Ordinal).Replace("LATER", Later, StringComparison.Ordinal);
}
