using Azure.Data.Tables;
using Sentier.Core.Accounts;
using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

/// <summary>
/// Apps stored before scopes existed (rows without a <c>Scopes</c> property, written here straight
/// through the Table SDK in the old shape) keep working: the account's first app with every scope,
/// any other with the default ones. The first change to such a row stores its scopes.
/// </summary>
public sealed class OldAppRowsReadWithScopes
{
    [Fact]
    public async Task TheAppMadeWithTheAccountHoldsEveryScopeAndTheOthersTheDefault()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (first, firstToken) = await WriteOldAppAsync(h, account, TimeSpan.FromMilliseconds(40));
        var (later, laterToken) = await WriteOldAppAsync(h, account, TimeSpan.FromSeconds(5));

        Assert.Equal(Scopes.All, (await h.AuthenticateAsync(firstToken)).App.Scopes);
        Assert.Equal(Scopes.Default, (await h.AuthenticateAsync(laterToken)).App.Scopes);

        var manager = await h.Apps.FindAsync(account.Id, first, CancellationToken.None);
        var listed = (await h.Service.ListAsync(manager!, PageRequest.First, CancellationToken.None)).Items.ToDictionary(app => app.Id, app => app.Scopes);
        Assert.Equal(Scopes.All, listed[first]);
        Assert.Equal(Scopes.Default, listed[later]);
        Assert.Equal(Scopes.Default, (await h.Service.GetAsync(manager!, later, CancellationToken.None)).Scopes);
    }

    [Fact]
    public async Task AnOldFirstAppIsTheAccountsLastManager()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (first, _) = await WriteOldAppAsync(h, account, TimeSpan.FromMilliseconds(40));
        await WriteOldAppAsync(h, account, TimeSpan.FromSeconds(5));
        var caller = await h.Apps.FindAsync(account.Id, first, CancellationToken.None);

        await Assert.ThrowsAsync<ConflictException>(() => h.Service.RevokeAsync(caller!, first, CancellationToken.None));
    }

    [Fact]
    public async Task AnAppMadeLongAfterItsAccountIsNotTheFirstEvenWhenItIsTheOldest()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (survivor, token) = await WriteOldAppAsync(h, account, ApiAppStore.FirstAppWindow + TimeSpan.FromSeconds(1));

        Assert.Equal(survivor, (await h.AuthenticateAsync(token)).App.Id);
        Assert.Equal(Scopes.Default, (await h.AuthenticateAsync(token)).App.Scopes);
    }

    [Fact]
    public async Task AnAppWithAnOlderSiblingIsNotTheFirstEvenWithinTheWindow()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        await WriteOldAppAsync(h, account, TimeSpan.FromMilliseconds(10));
        var (second, _) = await WriteOldAppAsync(h, account, TimeSpan.FromMilliseconds(500));

        Assert.Equal(Scopes.Default, (await h.Apps.FindAsync(account.Id, second, CancellationToken.None))!.Scopes);
    }

    [Fact]
    public async Task ChangingAnOldRowStoresItsScopes()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (first, _) = await WriteOldAppAsync(h, account, TimeSpan.FromMilliseconds(40));
        var (later, _) = await WriteOldAppAsync(h, account, TimeSpan.FromSeconds(5));
        var caller = (await h.Apps.FindAsync(account.Id, first, CancellationToken.None))!;

        await h.Service.UpdateAsync(caller, first, TokenHarness.Json("""{"description":"renamed"}"""), CancellationToken.None);
        await h.Service.UpdateAsync(caller, later, TokenHarness.Json("""{"description":"renamed"}"""), CancellationToken.None);

        Assert.Equal(Scopes.FormatStored(Scopes.All), (await h.AppsTable.GetEntityAsync<TableEntity>(account.Id, first)).Value.GetString("Scopes"));
        Assert.Equal("contacts:read contacts:write", (await h.AppsTable.GetEntityAsync<TableEntity>(account.Id, later)).Value.GetString("Scopes"));
    }

    /// <summary>An app row and its token pointer exactly as the version before scopes wrote them.</summary>
    private static async Task<(string AppId, string Token)> WriteOldAppAsync(TokenHarness h, Account account, TimeSpan afterAccount)
    {
        var token = ApiToken.Generate();
        var appId = ResourceIds.New();
        var hash = ApiToken.Hash(token);
        await h.AppsTable.AddEntityAsync(new TableEntity(account.Id, appId)
        {
            ["Name"] = "old app",
            ["TokenHint"] = ApiToken.Hint(token),
            ["TokenHash"] = hash,
            ["AllowedIps"] = "",
            ["Created"] = account.Created + afterAccount,
        });
        await h.TokensTable.AddEntityAsync(new TableEntity(hash, "") { ["AccountId"] = account.Id, ["AppId"] = appId });
        return (appId, token);
    }
}
