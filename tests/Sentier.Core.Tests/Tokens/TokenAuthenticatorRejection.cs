using Azure.Data.Tables;
using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class TokenAuthenticatorRejection
{
    [Fact]
    public async Task UnknownTokenOfValidShapeIsRejected()
    {
        using var h = await TokenHarness.CreateAsync();
        var token = ApiToken.Generate();

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(token));

        // The negative answer is cached; it must stay a rejection.
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync("Bearer " + token));
    }

    [Theory]
    [InlineData("0X123")]
    [InlineData("hello")]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task MalformedTokenIsRejected(string header)
    {
        using var h = await TokenHarness.CreateAsync();

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(header));
    }

    [Fact]
    public async Task IssuedTokenWithOneCharacterAlteredIsRejected()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (_, token) = await h.NewAppAsync(account.Id);
        var altered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        var truncated = token[..^1];
        var nonHex = token[..^1] + "G";

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(altered));
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(truncated));
        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(nonHex));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bearer ")]
    [InlineData("Basic ")]
    public async Task MissingTokenIsRejected(string? header)
    {
        using var h = await TokenHarness.CreateAsync();

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(header));
    }

    [Fact]
    public async Task RejectionMessageDoesNotEchoTheToken()
    {
        using var h = await TokenHarness.CreateAsync();
        var token = ApiToken.Generate();

        var ex = await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(token));

        Assert.DoesNotContain(token[2..], ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AppWhoseAccountDoesNotExistIsRejected()
    {
        using var h = await TokenHarness.CreateAsync();
        var (_, token) = await h.NewAppAsync(ResourceIds.New());

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(token));
    }

    [Fact]
    public async Task PointerToAnotherAppsRowDoesNotAuthenticate()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (victim, _) = await h.NewAppAsync(account.Id);
        var forged = ApiToken.Generate();
        await h.TokensTable.AddEntityAsync(new TableEntity(ApiToken.Hash(forged), "") { ["AccountId"] = account.Id, ["AppId"] = victim.Id });

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(forged));
    }

    [Fact]
    public async Task PointerToAMissingAppDoesNotAuthenticate()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id);
        await h.AppsTable.DeleteEntityAsync(app.AccountId, app.Id);

        await Assert.ThrowsAsync<AuthenticationFailedException>(() => h.AuthenticateAsync(token));
    }
}
