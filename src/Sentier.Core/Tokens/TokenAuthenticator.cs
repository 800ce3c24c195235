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

    private static readonly TimeSpan LastUsedInterval = TimeSpan.FromMinutes(1);

    private readonly ApiAppStore _apps;
    private readonly AccountStore _accounts;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCachedTokens });
    private readonly TimeProvider _time;
    private readonly ILogger<TokenAuthenticator> _logger;
    private readonly TimeSpan _cacheDuration;
    private readonly ConcurrentDictionary<string, long> _lastUsedWrites = new();

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
        var token = AuthorizationHeader.ExtractToken(authorizationHeader)
            ?? throw new AuthenticationFailedException("Send an API app token in the Authorization header.");
        if (!ApiToken.HasValidShape(token))
        {
            throw new AuthenticationFailedException("The token is not valid or has been revoked.");
        }

        var caller = await LookUpAsync(ApiToken.Hash(token), cancellationToken)
            ?? throw new AuthenticationFailedException("The token is not valid or has been revoked.");

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

    /// <summary>Drops a cached lookup so a change or revocation applies to the next request here.</summary>
    public void Forget(string tokenHash) => _cache.Remove(CacheKey(tokenHash));

    private async Task<Caller?> LookUpAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var key = CacheKey(tokenHash);
        if (_cache.TryGetValue(key, out Task<Caller?>? cached) && cached is not null)
        {
            return await cached.WaitAsync(cancellationToken);
        }

        // Concurrent misses share one storage lookup; a failed one is dropped so the next request retries.
        var lookup = LoadAsync(tokenHash);
        if (_cacheDuration > TimeSpan.Zero)
        {
            _ = _cache.Set(key, lookup, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _cacheDuration, Size = 1 });
        }

        try
        {
            return await lookup.WaitAsync(cancellationToken);
        }
        catch when (!lookup.IsCompletedSuccessfully)
        {
            _cache.Remove(key);
            throw;
        }
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
        var appKey = app.AccountId + "/" + app.Id;
        var last = _lastUsedWrites.GetOrAdd(appKey, long.MinValue);
        if (last != long.MinValue && now.UtcTicks - last < LastUsedInterval.Ticks)
        {
            return;
        }

        // Only the request that wins the swap writes; the others in the same minute do nothing.
        if (!_lastUsedWrites.TryUpdate(appKey, now.UtcTicks, last))
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

    private static string CacheKey(string tokenHash) => "token:" + tokenHash;
}
