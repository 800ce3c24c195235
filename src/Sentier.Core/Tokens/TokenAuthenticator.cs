using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sentier.Core.Accounts;
using Sentier.Core.Common;

namespace Sentier.Core.Tokens;

/// <summary>
/// The check every API call passes. A token's app and account are read from storage at most once
/// per <see cref="SentierOptions.TokenCacheSeconds"/> per instance (unknown tokens included, so a
/// client retrying a revoked token cannot hammer storage); expiry and the IP allow list are
/// checked on every request against that snapshot.
/// </summary>
public sealed class TokenAuthenticator : IDisposable
{
    private const int MaxCachedTokens = 100_000;
    private const string NotValid = "The token is not valid or has been revoked.";

    private static readonly TimeSpan LastUsedInterval = TimeSpan.FromMinutes(1);

    private readonly ApiAppStore _apps;
    private readonly AccountStore _accounts;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCachedTokens });
    private readonly TimeProvider _time;
    private readonly ILogger<TokenAuthenticator> _logger;
    private readonly TimeSpan _cacheDuration;
    private readonly ConcurrentDictionary<string, long> _lastUsedWrites = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<Caller?>>> _lookupsInFlight = new();

    public TokenAuthenticator(
        ApiAppStore apps,
        AccountStore accounts,
        TimeProvider time,
        IOptions<SentierOptions> options,
        ILogger<TokenAuthenticator> logger)
    {
        _apps = apps;
        _accounts = accounts;
        _time = time;
        _logger = logger;
        _cacheDuration = TimeSpan.FromSeconds(Math.Clamp(options.Value.TokenCacheSeconds, 0, SentierOptions.MaxTokenCacheSeconds));
    }

    public async Task<Caller> AuthenticateAsync(string? authorizationHeader, IPAddress? clientAddress, CancellationToken cancellationToken)
    {
        var caller = await LookUpAsync(HashOfPresentedToken(authorizationHeader), cancellationToken)
            ?? throw new AuthenticationFailedException(NotValid);

        var now = _time.GetUtcNow();
        if (caller.App.IsExpired(now))
        {
            throw new AuthenticationFailedException($"The token expired at {ApiDates.Format(caller.App.Expires!.Value)} UTC.");
        }

        if (!caller.App.AllowedIps.Allows(clientAddress))
        {
            throw new AccessDeniedException($"This token may not be used from {clientAddress?.ToString() ?? "an unknown address"}.");
        }

        RecordUse(caller.App, now);
        return caller;
    }

    private static string HashOfPresentedToken(string? authorizationHeader)
    {
        if (!AuthorizationHeader.TryGetToken(authorizationHeader, out var token))
        {
            throw new AuthenticationFailedException("Send an API app token in the Authorization header.");
        }

        return ApiToken.HasValidShape(token) ? ApiToken.Hash(token) : throw new AuthenticationFailedException(NotValid);
    }

    /// <summary>
    /// Drops a cached lookup so a change or revocation applies to the next request here. It touches
    /// this token alone: a tenant editing its apps in a loop leaves every other token's lookups cached.
    /// </summary>
    public void Forget(string tokenHash)
    {
        // A lookup of this token already under way read storage before this change: unregistering it
        // keeps requests from now on from joining it and, as it checks its registration before and
        // after caching (LoadAndCacheAsync), keeps it from caching what it found.
        _lookupsInFlight.TryRemove(tokenHash, out _);
        _cache.Remove(tokenHash);
    }

    private async Task<Caller?> LookUpAsync(string tokenHash, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(tokenHash, out Caller? cached))
        {
            return cached;
        }

        return await SharedLookupAsync(tokenHash).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Concurrent misses for one token share one storage lookup, which a caller that goes away does
    /// not cancel; once it finishes, failed or not, the next miss starts a new one.
    /// </summary>
    private Task<Caller?> SharedLookupAsync(string tokenHash)
    {
        Lazy<Task<Caller?>> created = null!;
        created = new Lazy<Task<Caller?>>(() => LoadAndCacheAsync(tokenHash, created));
        var lookup = _lookupsInFlight.GetOrAdd(tokenHash, created);
        if (ReferenceEquals(lookup, created))
        {
            // Removes this lookup only: after a Forget a newer one may stand under the same key.
            lookup.Value.ContinueWith(
                _ => _lookupsInFlight.TryRemove(KeyValuePair.Create(tokenHash, created)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return lookup.Value;
    }

    /// <summary>
    /// Reads the token's app and account and caches them unless a <see cref="Forget"/> of this token
    /// unregistered <paramref name="lookup"/> meanwhile. The registration is checked before caching
    /// and again after: a Forget that slips in between removes it then, or its own cache removal
    /// comes after the entry was set; either way nothing stale stays.
    /// </summary>
    private async Task<Caller?> LoadAndCacheAsync(string tokenHash, Lazy<Task<Caller?>> lookup)
    {
        var caller = await LoadAsync(tokenHash);
        if (_cacheDuration > TimeSpan.Zero && IsRegistered(tokenHash, lookup))
        {
            _cache.Set(tokenHash, caller, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _cacheDuration, Size = 1 });
            if (!IsRegistered(tokenHash, lookup))
            {
                _cache.Remove(tokenHash);
            }
        }

        return caller;
    }

    private bool IsRegistered(string tokenHash, Lazy<Task<Caller?>> lookup) =>
        _lookupsInFlight.TryGetValue(tokenHash, out var registered) && ReferenceEquals(registered, lookup);

    private async Task<Caller?> LoadAsync(string tokenHash)
    {
        var app = await _apps.FindByTokenHashAsync(tokenHash, CancellationToken.None);
        if (app is null)
        {
            return null;
        }

        var account = await _accounts.FindAsync(app.AccountId, CancellationToken.None);
        return account is null ? null : new Caller(account, app);
    }

    private void RecordUse(ApiApp app, DateTimeOffset now)
    {
        // App ids are unique across accounts, so the id alone keys the per-app timestamp.
        var last = _lastUsedWrites.GetOrAdd(app.Id, long.MinValue);
        if (last != long.MinValue && now.UtcTicks - last < LastUsedInterval.Ticks)
        {
            return;
        }

        // Only the request that wins the swap writes; the others in the same minute do nothing.
        if (!_lastUsedWrites.TryUpdate(app.Id, now.UtcTicks, last))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await _apps.TouchLastUsedAsync(app.AccountId, app.Id, now, CancellationToken.None);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Could not record last use of API app {AppId}", app.Id);
            }
        });
    }

    public void Dispose() => _cache.Dispose();

}
