using Sentier.Core.Common;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

/// <summary>A subscription comes back as it was saved; updates change the fields they give and keep the rest.</summary>
public sealed class WebhookSubscriptionsRoundTrip
{
    [Fact]
    public async Task ACreatedSubscriptionReadsBackWithEveryField()
    {
        var harness = await WebhookHarness.CreateAsync();

        var (created, secret) = await harness.CreateAsync(new
        {
            event_types = new[] { "contact_deleted", "contact_created" },
            event_type = "contact_created",
            stateid = 0,
            target_type_id = "Zapier",
            format = "JSON",
            parameters = new object[]
            {
                new { key = "X-Api-Key", value = "k1", event_parameter_type = "header", event_value_type = "custom_text" },
                new { key = "who", event_parameter_type = "query", event_value_type = "user_field", user_field = "First_Name" },
            },
        });
        var read = await harness.GetAsync(created.Id);

        Assert.StartsWith(WebhookSecret.Prefix, secret);
        Assert.Equal(1, created.Id);
        Assert.Equal([WebhookEventType.ContactCreated, WebhookEventType.ContactDeleted], read.EventTypes);
        Assert.False(read.IsActive);
        Assert.Equal(WebhookTarget.Zapier, read.Target);
        Assert.Equal(new Uri(WebhookHarness.Url), read.Url);
        Assert.Equal(
            [
                new WebhookParameter(1, "X-Api-Key", "k1", WebhookParameterPlacement.Header, WebhookValueSource.CustomText, null),
                new WebhookParameter(2, "who", "", WebhookParameterPlacement.Query, WebhookValueSource.UserField, "first_name"),
            ],
            read.Parameters);
        Assert.Equal((harness.Time.GetUtcNow(), harness.Time.GetUtcNow()), (read.Created, read.Updated));
        Assert.Null(read.DisabledReason);
    }

    [Fact]
    public async Task DefaultsAreActiveAndApi()
    {
        var harness = await WebhookHarness.CreateAsync();

        var (created, _) = await harness.CreateAsync();

        Assert.True(created.IsActive);
        Assert.Equal(WebhookTarget.Api, created.Target);
        Assert.Equal([WebhookEventType.ContactChange], created.EventTypes);
        Assert.Empty(created.Parameters);
    }

    [Fact]
    public async Task AnUpdateChangesOnlyWhatItGives()
    {
        var harness = await WebhookHarness.CreateAsync();
        var (created, _) = await harness.CreateAsync(new { parameters = new[] { new { key = "X-Key", value = "v" } } });
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        var renamed = await harness.UpdateAsync(created.Id, new { name = "Renamed", stateid = "0" });
        var retyped = await harness.UpdateAsync(created.Id, new { event_types = "contact_updated, contact_unsubscribed", is_active = true });

        Assert.Equal(("Renamed", false), (renamed.Name, renamed.IsActive));
        Assert.Equal(created.Parameters, renamed.Parameters);
        Assert.Equal(created.Url, renamed.Url);
        Assert.Equal([WebhookEventType.ContactUpdated, WebhookEventType.ContactUnsubscribed], retyped.EventTypes);
        Assert.True(retyped.IsActive);
        Assert.Equal(created.Created, retyped.Created);
        Assert.Equal(harness.Time.GetUtcNow(), retyped.Updated);
        Assert.Equal(retyped.EventTypes, (await harness.GetAsync(created.Id)).EventTypes);
    }

    [Fact]
    public async Task ReenablingClearsTheReasonTheSystemDisabledIt()
    {
        var harness = await WebhookHarness.CreateAsync();
        var (created, _) = await harness.CreateAsync();

        var disabled = await harness.Service.DisableAsync(harness.AccountId, created.Id, "HTTP 410 Gone", CancellationToken.None);
        var renamed = await harness.UpdateAsync(created.Id, new { name = "Still off" });
        var enabled = await harness.UpdateAsync(created.Id, new { is_active = true });

        Assert.Equal((false, "HTTP 410 Gone"), (disabled.IsActive, disabled.DisabledReason));
        Assert.Equal("HTTP 410 Gone", renamed.DisabledReason);
        Assert.Equal((true, (string?)null), (enabled.IsActive, enabled.DisabledReason));
    }

    [Fact]
    public async Task ListsFilterByEventTypeStateAndTarget()
    {
        var harness = await WebhookHarness.CreateAsync();
        var (change, _) = await harness.CreateAsync();
        var (off, _) = await harness.CreateAsync(new { event_type = "contact_deleted", is_active = false });
        var (zap, _) = await harness.CreateAsync(new { event_types = new[] { "contact_change", "contact_deleted" }, target_type_id = "zapier" });

        async Task<IEnumerable<long>> Ids(string? type, string? state, string? target) =>
            (await harness.ListAsync(WebhookFilter.Parse(type, state, target))).Select(subscription => subscription.Id);

        Assert.Equal([change.Id, off.Id, zap.Id], await Ids(null, null, null));
        Assert.Equal([change.Id, zap.Id], await Ids("contact_change", null, null));
        Assert.Equal([off.Id], await Ids(null, "inactive", null));
        Assert.Equal([zap.Id], await Ids("contact_deleted", "active", null));
        Assert.Equal([change.Id, off.Id], await Ids(null, null, "api"));
        Assert.Equal([change.Id, zap.Id], (await harness.Service.ReceiversAsync(harness.AccountId, CancellationToken.None))[WebhookEventType.ContactChange]
            .Select(subscription => subscription.Id));
        Assert.Throws<InvalidRequestException>(() => WebhookFilter.Parse("ping", null, null));
        Assert.Throws<InvalidRequestException>(() => WebhookFilter.Parse(null, "paused", null));
        Assert.Throws<InvalidRequestException>(() => WebhookFilter.Parse(null, null, "slack"));
    }

    [Fact]
    public async Task ListsPageWithAContinuation()
    {
        var harness = await WebhookHarness.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await harness.CreateAsync(new { name = $"hook {i}" });
        }

        var first = await harness.Service.ListAsync(harness.AccountId, WebhookFilter.None, new PageRequest(1, 2, null), CancellationToken.None);
        var second = await harness.Service.ListAsync(
            harness.AccountId, WebhookFilter.None, PageRequest.Parse(null, "2", first.Continuation), CancellationToken.None);
        var third = await harness.Service.ListAsync(harness.AccountId, WebhookFilter.None, new PageRequest(3, 2, null), CancellationToken.None);

        Assert.Equal([1L, 2], first.Items.Select(item => item.Id));
        Assert.Equal([3L, 4], second.Items.Select(item => item.Id));
        Assert.Equal([5L], third.Items.Select(item => item.Id));
        Assert.Null(third.Continuation);
    }

    [Fact]
    public async Task DeletedSubscriptionsAreGoneAndTheirIdsAreNotReused()
    {
        var harness = await WebhookHarness.CreateAsync();
        var (first, _) = await harness.CreateAsync();

        await harness.Service.DeleteAsync(harness.AccountId, WebhookHarness.Id(first.Id), CancellationToken.None);
        var (second, _) = await harness.CreateAsync();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => harness.GetAsync(first.Id));
        Assert.Equal(2, second.Id);
        Assert.Equal(1, await harness.Store.CountAsync(harness.AccountId, CancellationToken.None));
    }
}
