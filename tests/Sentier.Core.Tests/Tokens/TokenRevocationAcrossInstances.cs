using System.Diagnostics;
using Sentier.Core.Common;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// Another instance learns of a revocation only when its cache entry lapses, so
/// <c>TokenCacheSeconds</c> bounds how late it can be. (That values above 30 are capped is not
/// observable without waiting 30 seconds, so it is not tested here.)
/// </summary>
public sealed class TokenRevocationAcrossInstances
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task OtherInstanceAcceptsFromCacheThenRejectsOnceItLapses()
    {
        using var h = await TokenHarness.CreateAsync();
        var otherInstance = h.NewAuthenticator(tokenCacheSeconds: 1);
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);

        // The cached acceptance is only observable if the revoke finishes well inside the cache
        // lifetime; on a loaded machine a slow round is repeated with a fresh app.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var (app, token) = await h.NewAppAsync(account.Id);
            var clock = Stopwatch.StartNew();
            await otherInstance.AuthenticateAsync(token, null, CancellationToken.None);

            await h.Service.RevokeAsync(manager, app.Id, CancellationToken.None);
            if (clock.Elapsed > CacheLifetime * 0.7)
            {
                continue;
            }

            var stillCached = await otherInstance.AuthenticateAsync(token, null, CancellationToken.None);
            Assert.Equal(app.Id, stillCached.App.Id);
            await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(token));

            var deadline = clock.Elapsed + TimeSpan.FromSeconds(1.5);
            while (true)
            {
                await Task.Delay(100);
                try
                {
                    await otherInstance.AuthenticateAsync(token, null, CancellationToken.None);
                }
                catch (AuthenticationFailedException)
                {
                    Assert.True(clock.Elapsed >= CacheLifetime, $"Rejected after {clock.Elapsed.TotalMilliseconds:0} ms, before the cache could lapse.");
                    return;
                }

                Assert.True(clock.Elapsed < deadline, $"Still accepted {clock.Elapsed.TotalMilliseconds:0} ms after caching with a 1 s cache.");
            }
        }

        Assert.Fail("No revoke completed within 0.7 s in 5 attempts; storage is too slow to observe the cache.");
    }
}
