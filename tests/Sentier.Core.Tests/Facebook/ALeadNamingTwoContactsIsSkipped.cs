using Microsoft.Extensions.DependencyInjection;
using Sentier.Core.Contacts;
using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// A lead whose email belongs to one contact and whose phone to another fails the same way on
/// every sync: it is skipped with the reason, and the sync completes with the other leads, rather
/// than failing and re-reading a window that grows until Facebook forgets the leads behind it.
/// </summary>
public sealed class ALeadNamingTwoContactsIsSkipped
{
    [Fact]
    public async Task The_lead_is_skipped_with_the_reason_and_the_others_land()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var phones = h.Services.GetRequiredService<PhoneNumberNormalizer>();
        var api = new ChangeContext(ChangeSource.Api, null);
        await h.Writer.UpsertAsync(h.AccountId, ContactPatch.Parse(FacebookHarness.Body(new { email = "dana@example.com" }), phones), api, null, CancellationToken.None);
        await h.Writer.UpsertAsync(h.AccountId, ContactPatch.Parse(FacebookHarness.Body(new { sms = "+972501234567" }), phones), api, null, CancellationToken.None);
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId });
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        h.Graph.AddLead(FacebookHarness.FormId, "4100000001", at, FakeGraphApi.Answers(("email", "dana@example.com"), ("phone_number", "+972501234567")));
        h.Graph.AddLead(FacebookHarness.FormId, "4100000002", at.AddSeconds(1), FakeGraphApi.Answers(("email", "noa@example.com")));

        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        var records = (await h.LeadRecordsAsync()).ToDictionary(r => r.LeadId);
        Assert.Contains("merge them", records["4100000001"].SkipReason, StringComparison.Ordinal);
        Assert.NotNull(records["4100000002"].ContactId);
        Assert.Equal((1, 1), ((await h.FormAsync()).Tally.Imported, (await h.FormAsync()).Tally.Skipped));
    }
}
