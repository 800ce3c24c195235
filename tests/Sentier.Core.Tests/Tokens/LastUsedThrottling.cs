using Azure.Data.Tables;

namespace Sentier.Core.Tests.Tokens;

public sealed class LastUsedThrottling
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task LastUsedIsWrittenOnceAMinuteAtMost()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id);
        Assert.Null((await h.ReadAppEntityAsync(app)).GetDateTimeOffset("LastUsed"));

        await h.AuthenticateAsync(token);
        var first = await TokenHarness.EventuallyAsync(
            () => h.ReadAppEntityAsync(app), e => e.GetDateTimeOffset("LastUsed") is not null, WriteTimeout, "the first last-use write");
        Assert.Equal(TokenHarness.Start, first.GetDateTimeOffset("LastUsed"));

        // 49 more uses in the same (fake) minute, some of them concurrent: no further write.
        for (var i = 0; i < 7; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 7).Select(_ => h.AuthenticateAsync(token)));
        }

        await Task.Delay(300);
        var afterBurst = await h.ReadAppEntityAsync(app);
        Assert.Equal(first.ETag, afterBurst.ETag);
        Assert.Equal(first.Timestamp, afterBurst.Timestamp);
        Assert.Equal(TokenHarness.Start, afterBurst.GetDateTimeOffset("LastUsed"));

        h.Time.Advance(TimeSpan.FromSeconds(61));
        await h.AuthenticateAsync(token);

        var later = await TokenHarness.EventuallyAsync(
            () => h.ReadAppEntityAsync(app), e => e.GetDateTimeOffset("LastUsed") != TokenHarness.Start, WriteTimeout, "the next minute's write");
        Assert.Equal(TokenHarness.Start.AddSeconds(61), later.GetDateTimeOffset("LastUsed"));
        Assert.NotEqual(first.ETag, later.ETag);
    }

    [Fact]
    public async Task UseWithinTheMinuteIsNotWrittenAgain()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id);
        await h.AuthenticateAsync(token);
        var first = await TokenHarness.EventuallyAsync(
            () => h.ReadAppEntityAsync(app), e => e.GetDateTimeOffset("LastUsed") is not null, WriteTimeout, "the first last-use write");

        h.Time.Advance(TimeSpan.FromSeconds(59));
        await h.AuthenticateAsync(token);
        await Task.Delay(300);

        Assert.Equal(first.ETag, (await h.ReadAppEntityAsync(app)).ETag);
    }

    [Fact]
    public async Task RecordingUseChangesNothingElse()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var (app, token) = await h.NewAppAsync(account.Id, """{"name":"kept","description":"kept too","allowed_ips":["10.0.0.0/8"]}""");
        var before = await h.ReadAppEntityAsync(app);

        await h.AuthenticateAsync(token, "10.9.9.9");
        var after = await TokenHarness.EventuallyAsync(
            () => h.ReadAppEntityAsync(app), e => e.GetDateTimeOffset("LastUsed") is not null, WriteTimeout, "the last-use write");

        foreach (var name in new[] { "Name", "Description", "TokenHint", "TokenHash", "AllowedIps", "Created" })
        {
            Assert.Equal(before[name], after[name]);
        }
    }

    [Fact]
    public async Task UseRacingARevokeDoesNotBringTheAppBack()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, token) = await h.NewAppAsync(account.Id);
        var other = h.NewAuthenticator(tokenCacheSeconds: 30);
        await other.AuthenticateAsync(token, null, CancellationToken.None);
        await h.Service.RevokeAsync(manager, app.Id, CancellationToken.None);

        // The other instance still serves its cached snapshot and records the use a minute later.
        h.Time.Advance(TimeSpan.FromMinutes(2));
        await other.AuthenticateAsync(token, null, CancellationToken.None);
        await Task.Delay(300);

        Assert.False((await h.AppsTable.GetEntityIfExistsAsync<TableEntity>(app.AccountId, app.Id)).HasValue);
    }
}
