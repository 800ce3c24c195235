using System.Net;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sentier.Core.Accounts;
using Sentier.Core.Common;
using Sentier.Core.Storage;
using Sentier.Core.Tokens;
using Sentier.Testing;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// The token and account classes wired by hand against the test Azurite, on a fake clock. Not a
/// test class: each test builds one, and makes its own accounts so parallel tests never meet.
/// </summary>
internal sealed class TokenHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private static readonly Lazy<Task<TableServiceClient>> ReadyTables = new(TestStorage.ReadyTablesAsync);

    private readonly List<TokenAuthenticator> _authenticators = [];

    private TokenHarness(TableServiceClient tables, int tokenCacheSeconds)
    {
        Tables = tables;
        Accounts = new AccountStore(tables);
        Apps = new ApiAppStore(tables, Accounts);
        Authenticator = NewAuthenticator(tokenCacheSeconds);
        Service = new ApiAppService(Apps, Authenticator, Time);
        AccountService = new AccountService(Accounts, Service, Time);
    }

    public TableServiceClient Tables { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public ApiAppStore Apps { get; }

    public AccountStore Accounts { get; }

    public TokenAuthenticator Authenticator { get; }

    public ApiAppService Service { get; }

    public AccountService AccountService { get; }

    public TableClient AppsTable => Tables.GetTableClient(StorageNames.ApiAppsTable);

    public TableClient TokensTable => Tables.GetTableClient(StorageNames.ApiTokensTable);

    public static async Task<TokenHarness> CreateAsync(int tokenCacheSeconds = SentierOptions.MaxTokenCacheSeconds) =>
        new(await ReadyTables.Value, tokenCacheSeconds);

    public static JsonBody Json(string json) => JsonBody.Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Another instance of the app: same storage and clock, its own cache.</summary>
    public TokenAuthenticator NewAuthenticator(int tokenCacheSeconds) => NewAuthenticator(Tables, tokenCacheSeconds);

    /// <summary>Another instance that reaches the same storage through <paramref name="tables"/> (e.g. a <see cref="StorageTraffic"/> client).</summary>
    public TokenAuthenticator NewAuthenticator(TableServiceClient tables, int tokenCacheSeconds = SentierOptions.MaxTokenCacheSeconds)
    {
        var authenticator = new TokenAuthenticator(
            new ApiAppStore(tables, new AccountStore(tables)),
            new AccountStore(tables),
            Time,
            Options.Create(new SentierOptions { TokenCacheSeconds = tokenCacheSeconds }),
            NullLogger<TokenAuthenticator>.Instance);
        _authenticators.Add(authenticator);
        return authenticator;
    }

    public async Task<Account> NewAccountAsync(string name = "Test account")
    {
        var account = new Account(ResourceIds.New(), name, Time.GetUtcNow());
        await Accounts.AddAsync(account, CancellationToken.None);
        return account;
    }

    /// <summary>An app as the API creates it: <see cref="Scopes.Default"/> unless <paramref name="json"/> names scopes.</summary>
    public async Task<(ApiApp App, string Token)> NewAppAsync(string accountId, string json = """{"name":"Test app"}""") =>
        await Service.CreateAsync(accountId, ApiAppSettings.ForNewApp(Json(json), Time.GetUtcNow(), Scopes.Default), CancellationToken.None);

    /// <summary>An app holding every scope, as an account's first app does: a caller that may manage the account's apps.</summary>
    public async Task<ApiApp> NewManagerAsync(string accountId) =>
        (await Service.CreateAsync(accountId, new ApiAppSettings("Manager", null, IpAllowList.Empty, null, Scopes.All), CancellationToken.None)).App;

    public Task<Caller> AuthenticateAsync(string? header, string? clientAddress = null) =>
        Authenticator.AuthenticateAsync(header, clientAddress is null ? null : IPAddress.Parse(clientAddress), CancellationToken.None);

    public async Task<TableEntity> ReadAppEntityAsync(ApiApp app) =>
        (await AppsTable.GetEntityAsync<TableEntity>(app.AccountId, app.Id)).Value;

    /// <summary>See <see cref="Eventually.ReadAsync"/>.</summary>
    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what) =>
        Eventually.ReadAsync(read, done, timeout, what);

    public void Dispose()
    {
        foreach (var authenticator in _authenticators)
        {
            authenticator.Dispose();
        }
    }
}
