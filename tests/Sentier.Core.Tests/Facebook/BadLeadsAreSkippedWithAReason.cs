using System.Text.Json.Nodes;
using Sentier.Core.Facebook;
using Sentier.Testing;

namespace Sentier.Core.Tests.Facebook;

/// <summary>Leads Graph sends malformed, without contact details, or with values the contact rules refuse are recorded as skipped, and the others still land.</summary>
public sealed class BadLeadsAreSkippedWithAReason
{
    [Fact]
    public async Task Each_bad_lead_is_skipped_with_its_reason_and_the_sync_completes()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        await h.PutFormAsync(new { connection_id = FacebookHarness.PageId, group_id = group, field_mapping = new { budget = "ext1" } });
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        h.Graph.AddLead(FacebookHarness.FormId, "4000000001", at, fieldData: null);
        h.Graph.AddLead(FacebookHarness.FormId, "4000000002", at.AddSeconds(1), FakeGraphApi.Answers(("full_name", "No Contact")));
        h.Graph.AddLead(FacebookHarness.FormId, "4000000003", at.AddSeconds(2), FakeGraphApi.Answers(("email", "not-an-address")));
        h.Graph.AddLead(FacebookHarness.FormId, "4000000004", at.AddSeconds(3), FakeGraphApi.Answers(("email", "huge@example.com"), ("budget", new string('x', 5000))));
        h.Graph.AddLead(FacebookHarness.FormId, "4000000005", at.AddSeconds(4),
            [new JsonObject { ["name"] = "email", ["values"] = new JsonArray("fine@example.com"), ["unexpected"] = 1 }, new JsonObject { ["weird"] = true }, "not an object"],
            lead => lead["surprise_field"] = new JsonObject { ["nested"] = 1 });
        h.Graph.AddLead(FacebookHarness.FormId, "4000000006", at.AddSeconds(5),
            FakeGraphApi.Answers(("email", "Mapped@Example.com"), ("full_name", "Dana Levi Cohen"), ("phone_number", "p:+972 50-123-4567"), ("budget", "up_to_10k"), ("unmapped_question", "ignored")));

        Assert.Equal(SyncOutcome.Completed, await h.SyncAsync());

        var records = (await h.LeadRecordsAsync()).ToDictionary(r => r.LeadId);
        Assert.Contains("field_data", records["4000000001"].SkipReason, StringComparison.Ordinal);
        Assert.Contains("neither an email nor a phone", records["4000000002"].SkipReason, StringComparison.Ordinal);
        Assert.Contains("'email'", records["4000000003"].SkipReason, StringComparison.Ordinal);
        Assert.Contains("'ext1' is longer than", records["4000000004"].SkipReason, StringComparison.Ordinal);
        Assert.NotNull(records["4000000005"].ContactId);
        Assert.NotNull(records["4000000006"].ContactId);
        var form = await h.FormAsync();
        Assert.Equal(2, form.Tally.Imported);
        Assert.Equal(4, form.Tally.Skipped);

        var mapped = (await h.ContactAsync("mapped@example.com"))!;
        Assert.Equal("Dana", mapped.Fields["first_name"]);
        Assert.Equal("Levi Cohen", mapped.Fields["last_name"]);
        Assert.Equal("+972501234567", mapped.Sms);
        Assert.Equal("up_to_10k", mapped.Fields["ext1"]);
        Assert.DoesNotContain("unmapped_question", mapped.Fields.Keys);
        Assert.Contains(group, mapped.GroupIds);
    }
}
