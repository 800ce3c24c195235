using Sentier.Core.Accounts;
using Sentier.Core.Common;
using Sentier.Core.Tests.Tokens;

namespace Sentier.Core.Tests.Accounts;

public sealed class AccountCreation
{
    [Fact]
    public async Task CreatesAccountWithAFirstAppWhoseTokenAuthenticates()
    {
        using var h = await TokenHarness.CreateAsync();

        var (account, app, token) = await h.AccountService.CreateAsync(TokenHarness.Json("""{"name":"Acme Ltd"}"""), CancellationToken.None);

        Assert.True(ResourceIds.IsWellFormed(account.Id));
        Assert.Equal("Acme Ltd", account.Name);
        Assert.Equal(TokenHarness.Start, account.Created);
        Assert.Equal(account.Id, app.AccountId);
        Assert.Equal(AccountService.FirstAppName, app.Name);
        Assert.True(app.AllowedIps.AllowsAll);
        Assert.Null(app.Expires);

        var caller = await h.AuthenticateAsync("Bearer " + token, "203.0.113.9");
        Assert.Equal(account.Id, caller.AccountId);
        Assert.Equal("Acme Ltd", caller.Account.Name);
        Assert.Equal(app.Id, caller.App.Id);

        var stored = await h.AccountService.GetAsync(account.Id, CancellationToken.None);
        Assert.Equal("Acme Ltd", stored.Name);
        Assert.Equal(TokenHarness.Start, stored.Created);
        var apps = await h.Service.ListAsync(app, PageRequest.First, CancellationToken.None);
        Assert.Equal(app.Id, Assert.Single(apps.Items).Id);
    }

    [Fact]
    public async Task EachAccountGetsItsOwnIdAndToken()
    {
        using var h = await TokenHarness.CreateAsync();

        var first = await h.AccountService.CreateAsync(TokenHarness.Json("""{"name":"One"}"""), CancellationToken.None);
        var second = await h.AccountService.CreateAsync(TokenHarness.Json("""{"name":"One"}"""), CancellationToken.None);

        Assert.NotEqual(first.Account.Id, second.Account.Id);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(second.Account.Id, (await h.AuthenticateAsync(second.Token)).AccountId);
    }

    [Theory]
    [InlineData("  Acme  ", "Acme")]
    [InlineData("חברה בע\"מ", "חברה בע\"מ")]
    public async Task NameIsStoredTrimmed(string given, string stored)
    {
        using var h = await TokenHarness.CreateAsync();
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["name"] = given });

        var (account, _, _) = await h.AccountService.CreateAsync(TokenHarness.Json(json), CancellationToken.None);

        Assert.Equal(stored, account.Name);
        Assert.Equal(stored, (await h.AccountService.GetAsync(account.Id, CancellationToken.None)).Name);
    }

    [Fact]
    public async Task NameOfHundredCharactersIsAccepted()
    {
        using var h = await TokenHarness.CreateAsync();
        var name = new string('n', Account.MaxNameLength);

        var (account, _, _) = await h.AccountService.CreateAsync(TokenHarness.Json($$"""{"name":"{{name}}"}"""), CancellationToken.None);

        Assert.Equal(name, account.Name);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"name":null}""")]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":"   "}""")]
    [InlineData("""{"name":7}""")]
    [InlineData("""{"title":"Acme"}""")]
    public async Task MissingOrBlankNameIsRejected(string json)
    {
        using var h = await TokenHarness.CreateAsync();

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() => h.AccountService.CreateAsync(TokenHarness.Json(json), CancellationToken.None));

        Assert.Contains("'name'", ex.Message);
    }

    [Fact]
    public async Task NameOverHundredCharactersIsRejected()
    {
        using var h = await TokenHarness.CreateAsync();
        var name = new string('n', Account.MaxNameLength + 1);

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            h.AccountService.CreateAsync(TokenHarness.Json($$"""{"name":"{{name}}"}"""), CancellationToken.None));

        Assert.Contains("'name'", ex.Message);
    }
}
