using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sentier.Core.Contacts;
using Sentier.Core.Webhooks;

namespace Sentier.Infra.Tests.Docs;

/// <summary>
/// The event catalogue of docs/webhooks.md shows one example of every event type, each valid JSON
/// in the contract's envelope, and its contacts have the fields the API answers, in its order.
/// </summary>
public sealed partial class WebhookEventExamplesHaveTheWireShape
{
    private static readonly string[] EnvelopeFields = ["id", "type", "created", "account_id", "source", "app_id", "data"];

    private static readonly IReadOnlyList<JsonObject> Examples =
        [.. MarkdownDocument.CodeBlocks(MarkdownDocument.Load("docs", "webhooks.md").Section("Events"), "json").Select(json => JsonNode.Parse(json)!.AsObject())];

    [Fact]
    public void EveryEventTypeHasOneExample()
    {
        var documented = Examples.Select(example => (string)example["type"]!).Order(StringComparer.Ordinal);
        var types = Enum.GetValues<WebhookEventType>().Select(WebhookEventTypes.Name).Order(StringComparer.Ordinal);

        Assert.Equal(types, documented);
    }

    [Fact]
    public void EveryExampleHasTheEnvelope()
    {
        var sources = Enum.GetValues<ChangeSource>().Select(ChangeSources.Name).ToList();
        foreach (var example in Examples)
        {
            Assert.Equal(EnvelopeFields, example.Select(field => field.Key));
            Assert.Matches(EventId(), (string)example["id"]!);
            Assert.Matches(Created(), (string)example["created"]!);
            Assert.Matches(AccountId(), (string)example["account_id"]!);
            Assert.Contains((string)example["source"]!, sources);
        }

        Assert.Equal(Examples.Count, Examples.Select(example => (string)example["id"]!).Distinct().Count());
    }

    [Fact]
    public void ContactsHaveTheApiFieldsInTheApiOrder()
    {
        var apiFields = ContactJson.From(new Contact { Id = 1 }).Keys.ToList();
        var contacts = Examples.Where(example => example["data"]!["contact"] is not null).Select(example => example["data"]!["contact"]!.AsObject()).ToList();

        // The first is whole; the others are shortened, so their fields are an ordered subset.
        Assert.Equal(apiFields, contacts[0].Select(field => field.Key));
        foreach (var contact in contacts.Skip(1))
        {
            var positions = contact.Select(field => apiFields.IndexOf(field.Key)).ToList();
            Assert.DoesNotContain(-1, positions);
            Assert.Equal(positions.Order(), positions);
        }
    }

    [GeneratedRegex("^evt_[0-9a-f]{32}$")]
    private static partial Regex EventId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex Created();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex AccountId();
}
