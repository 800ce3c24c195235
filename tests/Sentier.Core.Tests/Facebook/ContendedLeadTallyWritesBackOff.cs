using Sentier.Core.Common;
using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// The form's <c>!tally</c> row is written by every worker storing its leads (the lease holder and
/// any number of direct reads): writers that collide back off with jitter instead of retrying at
/// once, and one that still cannot get through fails cleanly with nothing half-counted.
/// </summary>
public sealed class ContendedLeadTallyWritesBackOff
{
    [Fact]
    public async Task Many_writers_at_once_all_record_their_leads_and_the_tally_counts_each_once()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var formId = FacebookHarness.NewFormId();
        const int writers = 32;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => h.Leads.RecordAsync(h.AccountId, formId,
            [new LeadRecord((4_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow, i, null, DateTimeOffset.UtcNow)],
            tally: null, CancellationToken.None))));

        Assert.Equal(new LeadTally(writers, 0), await h.Leads.TallyAsync(h.AccountId, formId, CancellationToken.None) with { ETag = default });
        Assert.Equal(writers, (await h.LeadRecordsAsync(formId)).Count);
    }
}
