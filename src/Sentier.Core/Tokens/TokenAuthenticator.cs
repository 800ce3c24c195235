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
    private long _forgetGeneration;

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

    /// <summary>Drops a cached lookup so a change or revocation applies to the next request here.</summary>
    public void Forget(string tokenHash)
    {
        // Lookups already under way read storage before this change: they must not cache what they
        // found, and requests from now on must not join them.
        Interlocked.Increment(ref _forgetGeneration);
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
        var created = new Lazy<Task<Caller?>>(() => LoadAndCacheAsync(tokenHash));
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

    private async Task<Caller?> LoadAndCacheAsync(string tokenHash)
    {
        var generation = Volatile.Read(ref _forgetGeneration);
        var caller = await LoadAsync(tokenHash);
        if (_cacheDuration > TimeSpan.Zero && generation == Volatile.Read(ref _forgetGeneration))
        {
            _cache.Set(tokenHash, caller, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _cacheDuration, Size = 1 });
        }

        return caller;
    }

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
