using Sentier.Core.Common;
using Sentier.Core.Tests.Tokens;

namespace Sentier.Core.Tests.Accounts;

public sealed class AccountLookup
{
    [Fact]
    public async Task ExistingAccountIsFound()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync("Lookup me");

        var found = await h.AccountService.GetAsync(account.Id, CancellationToken.None);

        Assert.Equal(account.Id, found.Id);
        Assert.Equal("Lookup me", found.Name);
        Assert.Equal(account.Created, found.Created);
    }

    [Fact]
    public async Task UnknownIdIsNotFound()
    {
        using var h = await TokenHarness.CreateAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.AccountService.GetAsync(ResourceIds.New(), CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("account")]
    [InlineData("../../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("a#b?c")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("' or PartitionKey ne '")]
    public async Task MalformedIdIsNotFound(string accountId)
    {
        using var h = await TokenHarness.CreateAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.AccountService.GetAsync(accountId, CancellationToken.None));
    }

    [Fact]
    public async Task UpperCasedIdOfAnExistingAccountIsNotFound()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.AccountService.GetAsync(account.Id.ToUpperInvariant(), CancellationToken.None));
    }

    [Fact]
    public async Task NotFoundMessageTruncatesALongId()
    {
        using var h = await TokenHarness.CreateAsync();
        var accountId = new string('z', 500);

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => h.AccountService.GetAsync(accountId, CancellationToken.None));

        Assert.DoesNotContain(accountId, ex.Message);
        Assert.Contains(new string('z', 64), ex.Message);
    }
}
