using Sentier.Core.Common;

namespace Sentier.Core.Tests.Tokens;

public sealed class TokenExpiry
{
    private static string ExpiringApp(DateTimeOffset expires) => $$"""{"name":"expiring","expires":"{{ApiDates.Format(expires)}}"}""";

    [Fact]
    public async Task TokenWorksUntilExpiryAndFailsAfterIt()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var expires = h.Time.GetUtcNow().AddMinutes(1);
        var (app, token) = await h.NewAppAsync(account.Id, ExpiringApp(expires));

        Assert.Equal(app.Id, (await h.AuthenticateAsync(token)).App.Id);

        h.Time.Advance(TimeSpan.FromMinutes(2));

        var ex = await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(token));
        Assert.Contains("expired", ex.Message);
        Assert.Contains(ApiDates.Format(expires), ex.Message);
    }

    [Fact]
    public async Task TokenFailsAtTheExactExpiryInstant()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (_, token) = await h.NewAppAsync(account.Id, ExpiringApp(h.Time.GetUtcNow().AddMinutes(1)));

        h.Time.Advance(TimeSpan.FromSeconds(59));
        await h.AuthenticateAsync(token);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(token));
    }

    [Fact]
    public async Task ExpiryIsCheckedEvenWhenTheLookupIsCached()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (_, token) = await h.NewAppAsync(account.Id, ExpiringApp(h.Time.GetUtcNow().AddSeconds(10)));
        await h.AuthenticateAsync(token);

        h.Time.Advance(TimeSpan.FromSeconds(11));

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(token));
    }
}
