namespace Sentier.Core.Tests.Tokens;

public sealed class TokenAuthenticatorHeaderForms
{
    [Theory]
    [InlineData("{0}")]
    [InlineData("Basic {0}")]
    [InlineData("Bearer {0}")]
    [InlineData("bearer {0}")]
    [InlineData("  BASIC   {0}  ")]
    public async Task EachHeaderFormIdentifiesAccountAndApp(string format)
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync("Header forms");
        var (app, token) = await h.NewAppAsync(account.Id, """{"name":"Form test"}""");

        var caller = await h.AuthenticateAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, token));

        Assert.Equal(account.Id, caller.AccountId);
        Assert.Equal(account.Id, caller.Account.Id);
        Assert.Equal("Header forms", caller.Account.Name);
        Assert.Equal(app.Id, caller.App.Id);
        Assert.Equal(account.Id, caller.App.AccountId);
        Assert.Equal("Form test", caller.App.Name);
    }

    [Fact]
    public async Task LowerCasedTokenIsTheSameToken()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id);

        var caller = await h.AuthenticateAsync("Bearer " + token.ToLowerInvariant());

        Assert.Equal(app.Id, caller.App.Id);
    }

    [Fact]
    public async Task TwoAppsOfOneAccountAreToldApart()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (first, firstToken) = await h.NewAppAsync(account.Id, """{"name":"first"}""");
        var (second, secondToken) = await h.NewAppAsync(account.Id, """{"name":"second"}""");

        Assert.Equal(first.Id, (await h.AuthenticateAsync(firstToken)).App.Id);
        Assert.Equal(second.Id, (await h.AuthenticateAsync(secondToken)).App.Id);
    }
}
