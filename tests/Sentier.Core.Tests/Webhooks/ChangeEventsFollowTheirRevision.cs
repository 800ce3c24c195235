using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sentier.Core.Contacts;
using Sentier.Core.Webhooks;
using Sentier.Testing;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>
/// What each kind of contact revision raises, in the envelope every event shares, with ids that
/// depend only on the record: the contract of docs/webhooks.md, built from revisions directly.
/// </summary>
public sealed partial class ChangeEventsFollowTheirRevision
{
    private const string AccountId = "0123456789abcdef0123456789abcdef";
    private const string ChangeKey = "o-0638000000000000000-4f1c2b3a4d5e6f708192a3b4c5d6e7f8";
    private static readonly DateTimeOffset At = new(2026, 12, 3, 15, 4, 5, 123, TimeSpan.Zero);
    private static readonly ChangeContext Api = new(ChangeSource.Api, "app-1");
    private static readonly Dictionary<long, string> Groups = new() { [12] = "Newsletter" };

    [Fact]
    public void ACreateRaisesContactCreatedAndContactChange()
    {
        Assert.Equal(["contact_created", "contact_change"], Types(Events(Revision(ContactRevisionKind.Created))));
        Assert.Equal(["contact_created", "contact_manual_change"], Types(Events(Revision(ContactRevisionKind.Created), new(ChangeSource.Manual, null))));
    }

    [Fact]
    public void AnUpdateRaisesContactUpdatedAndContactChangeWithWhatChanged()
    {
        var changes = new Dictionary<string, FieldChange> { ["first_name"] = new(JsonValue.Create("Dana"), JsonValue.Create("Dana R.")) };

        var events = Events(Revision(ContactRevisionKind.Updated, changes: changes));

        Assert.Equal(["contact_updated", "contact_change"], Types(events));
        Assert.All(events, evt => Assert.Equal(
            """{"first_name":{"old":"Dana","new":"Dana R."}}""", evt.Envelope["data"]!["changes"]!.ToJsonString()));
    }

    [Fact]
    public void ADeleteRaisesContactDeletedAndContactChange()
    {
        var events = Events(Revision(ContactRevisionKind.Deleted), new(ChangeSource.Import, null));

        Assert.Equal(["contact_deleted", "contact_change"], Types(events));
        Assert.All(events, evt => Assert.Null(evt.Envelope["data"]!["changes"]));
    }

    [Fact]
    public void AnOptOutAddsContactUnsubscribed()
    {
        Assert.Equal(["contact_updated", "contact_manual_change", "contact_unsubscribed"],
            Types(Events(Revision(ContactRevisionKind.Updated, unsubscribed: true), new(ChangeSource.Manual, null))));
        Assert.Equal(["contact_created", "contact_change", "contact_unsubscribed"],
            Types(Events(Revision(ContactRevisionKind.Created, unsubscribed: true))));
    }

    [Fact]
    public void MembershipsRaiseOnlyGroupEventsNamingTheGroup()
    {
        var events = Events(Revision(ContactRevisionKind.Memberships, added: [12], removed: [13]));

        Assert.Equal(["contact_added_to_group", "contact_removed_from_group"], Types(events));
        Assert.Equal("""{"id":12,"name":"Newsletter"}""", events[0].Envelope["data"]!["group"]!.ToJsonString());
        Assert.Equal("""{"id":13,"name":null}""", events[1].Envelope["data"]!["group"]!.ToJsonString());
    }

    [Fact]
    public void AnUpdateThatJoinsAGroupRaisesBoth()
    {
        Assert.Equal(["contact_updated", "contact_change", "contact_added_to_group"],
            Types(Events(Revision(ContactRevisionKind.Updated, added: [12]))));
    }

    [Fact]
    public void EveryEventHasTheEnvelopeAndTheContactAsOfTheChange()
    {
        var evt = Events(Revision(ContactRevisionKind.Created))[0];

        Assert.Equal(
            ["id", "type", "created", "account_id", "source", "app_id", "data"],
            evt.Envelope.Select(property => property.Key));
        Assert.Matches(EventIdShape(), evt.Id);
        Assert.Equal("2026-12-03T15:04:05.123Z", evt.Envelope["created"]!.GetValue<string>());
        Assert.Equal((AccountId, "api", "app-1"), (
            evt.Envelope["account_id"]!.GetValue<string>(), evt.Envelope["source"]!.GetValue<string>(), evt.Envelope["app_id"]!.GetValue<string>()));
        Assert.Equal("""{"contact":{"id":7,"email":"dana@example.com","first_name":"Dana R."},"version":3}""", evt.Envelope["data"]!.ToJsonString());
    }

    [Fact]
    public void IdsDependOnlyOnTheRecordAndDifferPerEvent()
    {
        IReadOnlyList<ContactRevision> revisions =
        [
            Revision(ContactRevisionKind.Updated, added: [12, 14], removed: [13], unsubscribed: true),
            Revision(ContactRevisionKind.Created, added: [12]),
        ];

        var first = WebhookEvents.From(AccountId, ChangeKey, Api, At, revisions, Groups).Select(evt => evt.Id).ToList();
        var again = WebhookEvents.From(AccountId, ChangeKey, Api, At, revisions, new Dictionary<long, string>()).Select(evt => evt.Id).ToList();
        var otherRecord = WebhookEvents.From(AccountId, ChangeKey.Replace('4', '5'), Api, At, revisions, Groups).Select(evt => evt.Id);

        Assert.Equal(first, again);
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.Empty(first.Intersect(otherRecord));
    }

    [Fact]
    public async Task APingHasTheSameEnvelope()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var harness = await WebhookHarness.CreateAsync();
        var (created, _) = await harness.CreateAsync(new { url = receiver.Url.ToString() });

        await harness.Service.TestAsync(harness.AccountId, WebhookHarness.Id(created.Id), "app-1", CancellationToken.None);

        var ping = JsonNode.Parse(Assert.Single(receiver.Requests).Body)!.AsObject();
        Assert.Equal(["id", "type", "created", "account_id", "source", "app_id", "data"], ping.Select(property => property.Key));
        Assert.Equal(WebhookEvents.Created(harness.Time.GetUtcNow()), ping["created"]!.GetValue<string>());
        Assert.Matches(CreatedShape(), ping["created"]!.GetValue<string>());
    }

    private static List<WebhookEvent> Events(ContactRevision revision, ChangeContext? change = null) =>
        [.. WebhookEvents.From(AccountId, ChangeKey, change ?? Api, At, [revision], Groups)];

    private static List<string> Types(IEnumerable<WebhookEvent> events) =>
        events.Select(evt => evt.Envelope["type"]!.GetValue<string>()).ToList();

    private static ContactRevision Revision(
        ContactRevisionKind kind, Dictionary<string, FieldChange>? changes = null, long[]? added = null, long[]? removed = null, bool unsubscribed = false) =>
        new(7, 3, kind, JsonSerializer.SerializeToNode(new Dictionary<string, object> { ["id"] = 7, ["email"] = "dana@example.com", ["first_name"] = "Dana R." })!.AsObject(),
            changes ?? [], added ?? [], removed ?? [], unsubscribed);

    [GeneratedRegex("^evt_[0-9a-f]{32}$")]
    private static partial Regex EventIdShape();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")]
    private static partial Regex CreatedShape();
}
