using System.Globalization;
using Sentier.Core.Common;
using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>
/// Requests racing at the limit (each checked the room before its Graph round trip) cannot take an
/// account past 50 Pages or 200 forms: a request that finds too many after its insert takes its
/// own row back and answers 409.
/// </summary>
public sealed class CapsHoldAgainstConcurrentRequests
{
    private const int Racers = 6;

    [Fact]
    public async Task Pages_connected_at_once_at_the_limit_never_exceed_it()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var existing = (await h.Connections.FindAsync(h.AccountId, FacebookHarness.PageId, CancellationToken.None))!;
        await Task.WhenAll(Enumerable.Range(1, FacebookConnectionService.MaxConnectionsPerAccount - 2).Select(i =>
            h.Connections.UpsertAsync(existing with { PageId = (1_100_000_000L + i).ToString(CultureInfo.InvariantCulture) }, CancellationToken.None)));
        var racers = Enumerable.Range(0, Racers).Select(i => ((1_200_000_000L + i).ToString(CultureInfo.InvariantCulture), "EAArace" + Guid.NewGuid().ToString("N"))).ToList();
        foreach (var (pageId, token) in racers)
        {
            h.Graph.AddPage(pageId, "Racer " + pageId, token);
        }

        var outcomes = await Task.WhenAll(racers.Select(async racer =>
        {
            try
            {
                await h.ConnectAsync(racer.Item1, racer.Item2);
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        }));

        var connected = await h.Connections.ListAsync(h.AccountId, CancellationToken.None);
        Assert.True(connected.Count <= FacebookConnectionService.MaxConnectionsPerAccount, $"{connected.Count} Pages connected");
        Assert.Equal(FacebookConnectionService.MaxConnectionsPerAccount - 1 + outcomes.Count(ok => ok), connected.Count);
    }

    [Fact]
    public async Task Forms_added_at_once_at_the_limit_never_exceed_it()
    {
        await using var h = await FacebookHarness.CreateAsync();
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, FacebookFormService.MaxFormsPerAccount - 1).Select(i =>
            h.Forms.TryAddAsync(new FacebookForm(h.AccountId, (2_100_000_000L + i).ToString(CultureInfo.InvariantCulture), FacebookHarness.PageId, null, false, LeadMapping.Default, now, now, now), CancellationToken.None)));
        var racers = Enumerable.Range(0, Racers).Select(_ => FacebookHarness.NewFormId()).ToList();
        foreach (var formId in racers)
        {
            h.Graph.AddForm(FacebookHarness.PageId, formId, "Racer " + formId, "email");
        }

        var outcomes = await Task.WhenAll(racers.Select(async formId =>
        {
            try
            {
                await h.PutFormAsync(new { connection_id = FacebookHarness.PageId }, formId);
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        }));

        var forms = await h.Forms.ListAsync(h.AccountId, CancellationToken.None);
        Assert.True(forms.Count <= FacebookFormService.MaxFormsPerAccount, $"{forms.Count} forms synced");
        Assert.Equal(FacebookFormService.MaxFormsPerAccount - 1 + outcomes.Count(ok => ok), forms.Count);
        foreach (var refused in racers.Where((_, i) => !outcomes[i]))
        {
            Assert.DoesNotContain(h.AccountId, await h.Forms.AccountsOfAsync(refused, CancellationToken.None));
        }
    }
}
