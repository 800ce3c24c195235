using Sentier.Core.Common;
using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// An account syncs at most 200 forms over at most 50 Pages, and a form is synced only when Graph
/// shows it to the connection's Page: a made-up form id or another Page's form is a 400 naming it.
/// Refusals store nothing.
/// </summary>
public sealed class FormsAndConnectionsAreCappedAndCheckedWithGraph
{
    [Fact]
    public async Task A_form_graph_does_not_show_to_the_page_is_refused()
    {
        await using var h = await FacebookHarness.CreateAsync();
        const string otherPage = FacebookHarness.OtherPageId;
        const string otherForm = FacebookHarness.OtherFormId;
        var otherToken = h.AddOtherPage();

        var madeUp = await Assert.ThrowsAsync<InvalidRequestException>(() => h.PutFormAsync(new { connection_id = FacebookHarness.PageId }, "2999999999"));
        Assert.Contains("'2999999999' is not a lead form of the Page", madeUp.Message, StringComparison.Ordinal);
        Assert.Null(await h.Forms.FindAsync(h.AccountId, "2999999999", CancellationToken.None));

        // Another Page's form, even with that Page connected too, is not this connection's.
        await h.ConnectAsync(otherPage, otherToken);
        await Assert.ThrowsAsync<InvalidRequestException>(() => h.PutFormAsync(new { connection_id = FacebookHarness.PageId }, otherForm));
        Assert.Null(await h.Forms.FindAsync(h.AccountId, otherForm, CancellationToken.None));
        Assert.Equal(otherPage, (await h.PutFormAsync(new { connection_id = otherPage }, otherForm)).PageId);

        // Moving a form to a Page it does not belong to is refused as well, and leaves it where it was.
        await Assert.ThrowsAsync<InvalidRequestException>(() => h.PutFormAsync(new { connection_id = FacebookHarness.PageId }, otherForm));
        Assert.Equal(otherPage, (await h.FormAsync(otherForm)).PageId);
    }

    [Fact]
    public async Task The_201st_form_is_refused_naming_the_limit()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, FacebookFormService.MaxFormsPerAccount).Select(i =>
            h.Forms.TryAddAsync(new FacebookForm(h.AccountId, (2_100_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), FacebookHarness.PageId, null, false, LeadMapping.Default, now, now, now), CancellationToken.None)));

        var refused = await Assert.ThrowsAsync<ConflictException>(() => h.PutFormAsync(new { connection_id = FacebookHarness.PageId }));

        Assert.Contains("at most 200 Facebook lead forms", refused.Message, StringComparison.Ordinal);
        Assert.Null(await h.Forms.FindAsync(h.AccountId, FacebookHarness.FormId, CancellationToken.None));
        // An existing form can still be changed.
        Assert.False((await h.PutFormAsync(new { connection_id = FacebookHarness.PageId, is_active = false }, "2100000007")).IsActive);
    }

    [Fact]
    public async Task The_51st_page_is_refused_naming_the_limit_and_a_connected_page_can_be_connected_again()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var now = DateTimeOffset.UtcNow;
        var existing = (await h.Connections.FindAsync(h.AccountId, FacebookHarness.PageId, CancellationToken.None))!;
        await Task.WhenAll(Enumerable.Range(1, FacebookConnectionService.MaxConnectionsPerAccount - 1).Select(i =>
            h.Connections.UpsertAsync(existing with { PageId = (1_100_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture) }, CancellationToken.None)));
        const string newPage = "1000000002";
        var token = "EAAnew" + Guid.NewGuid().ToString("N");
        h.Graph.AddPage(newPage, "One too many", token);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => h.ConnectAsync(newPage, token));

        Assert.Contains("at most 50 Facebook Pages", refused.Message, StringComparison.Ordinal);
        Assert.Null(await h.Connections.FindAsync(h.AccountId, newPage, CancellationToken.None));
        await h.ConnectAsync(FacebookHarness.PageId, h.PageToken);
        Assert.Equal(50, (await h.Connections.ListAsync(h.AccountId, CancellationToken.None)).Count);
    }
}
