using Azure.Core;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// A token nobody has presented to an instance yet, presented by many requests at once, is looked
/// up in storage once for all of them, not once per request.
/// </summary>
public sealed class ConcurrentLookupsShareOneStorageRead
{
    private const int Requests = 50;

    [Fact]
    public async Task FiftyConcurrentFirstRequestsReadTheTokenPointerAtMostThreeTimes()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id);
        var traffic = StorageTraffic.Create();
        var authenticator = h.NewAuthenticator(traffic.Tables);
        using var start = new ManualResetEventSlim();

        var requests = Enumerable.Range(0, Requests).Select(_ => Task.Run(async () =>
        {
            Assert.True(start.Wait(TimeSpan.FromSeconds(10)), "The start signal never came.");
            return await authenticator.AuthenticateAsync("Bearer " + token, null, CancellationToken.None);
        })).ToList();
        start.Set();
        var callers = await Task.WhenAll(requests);

        Assert.All(callers, caller => Assert.Equal(app.Id, caller.App.Id));
        var reads = traffic.Answered(RequestMethod.Get, StorageTraffic.TokenPointerPath(ApiToken.Hash(token)));
        Assert.InRange(reads, 1, 3);
    }

    /// <summary>
    /// With caching off (<c>TokenCacheSeconds</c> 0) nothing is kept between requests, but requests
    /// that arrive while a lookup is under way still wait for it rather than each reading storage.
    /// The lookup's read is held until all of them have arrived, so they overlap by construction.
    /// </summary>
    [Fact]
    public async Task WithCachingOffRequestsOverlappingALookupShareIt()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id);
        var pointer = StorageTraffic.TokenPointerPath(ApiToken.Hash(token));
        var traffic = StorageTraffic.Create();
        var authenticator = h.NewAuthenticator(traffic.Tables, tokenCacheSeconds: 0);

        var held = traffic.HoldNext(RequestMethod.Get, pointer, afterAnswer: false);
        var requests = new List<Task<Caller>> { authenticator.AuthenticateAsync(token, null, CancellationToken.None) };
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 1; i < Requests; i++)
        {
            requests.Add(authenticator.AuthenticateAsync(token, null, CancellationToken.None));
        }

        held.Release();
        var callers = await Task.WhenAll(requests);

        Assert.All(callers, caller => Assert.Equal(app.Id, caller.App.Id));
        Assert.Equal(1, traffic.Answered(RequestMethod.Get, pointer));

        // Nothing was cached: the next request, after the lookup finished, reads again.
        await authenticator.AuthenticateAsync(token, null, CancellationToken.None);
        Assert.Equal(2, traffic.Answered(RequestMethod.Get, pointer));
    }

    [Fact]
    public async Task OnceLookedUpTheTokenIsServedFromMemory()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id);
        var traffic = StorageTraffic.Create();
        var authenticator = h.NewAuthenticator(traffic.Tables);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(app.Id, (await authenticator.AuthenticateAsync(token, null, CancellationToken.None)).App.Id);
        }

        Assert.Equal(1, traffic.Answered(RequestMethod.Get, StorageTraffic.TokenPointerPath(ApiToken.Hash(token))));
    }
}
