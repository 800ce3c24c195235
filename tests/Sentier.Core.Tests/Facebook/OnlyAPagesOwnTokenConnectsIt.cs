using Sentier.Core.Common;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// Any valid token reads a Page's id and name (Pages are public), so a brought token connects a
/// Page only when Graph's <c>/me</c> answers that Page for it: another Page's token or a user token is a 400.
/// </summary>
public sealed class OnlyAPagesOwnTokenConnectsIt
{
    [Fact]
    public async Task Another_pages_token_or_a_user_token_is_refused_and_nothing_is_stored()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var otherToken = h.AddOtherPage();

        foreach (var token in new[] { h.PageToken, FakeGraphApi.LongUserToken })
        {
            var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => h.ConnectAsync(FacebookHarness.OtherPageId, token));
            Assert.Contains("not a token of the Page", refused.Message, StringComparison.Ordinal);
        }

        Assert.Null(await h.Connections.FindAsync(h.AccountId, FacebookHarness.OtherPageId, CancellationToken.None));
        await h.ConnectAsync(FacebookHarness.OtherPageId, otherToken);
        Assert.NotNull(await h.Connections.FindAsync(h.AccountId, FacebookHarness.OtherPageId, CancellationToken.None));
    }
}
