using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Every write path derives its index, membership, counter and unsubscribe rows from one
/// before → after transition. A long seeded mix of creates, updates (email, sms, status,
/// do-not-mail), memberships, imports and deletes of contacts and groups, refusals included,
/// must leave the partition exactly as the contacts themselves describe it. Some steps run two
/// writes at once on two instances (an email change racing an upsert by the old email, a group
/// delete racing an import or an add into that group), and some imports are cancelled part-way.
/// </summary>
public sealed class RandomChangesKeepStorageConsistent
{
    private const int Steps = 240;
    private const int CheckEvery = 60;
    private const int Emails = 16;
    private const int Numbers = 10;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ASeededMixOfChangesLeavesEveryIndexMembershipAndCounterExact(int seed)
    {
        var h = await ContactHarness.CreateAsync();
        var other = h.AnotherInstance();
        var random = new Random(seed);
        var groups = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            groups.Add((await h.NewGroupAsync($"Group {i}")).Id);
        }

        var refusals = 0;
        for (var step = 1; step <= Steps; step++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(random.Next(1, 90)));
            var contacts = await h.ReadContactsAsync();
            try
            {
                await StepAsync(h, other, random, groups, contacts);
            }
            catch (Exception ex) when (ex is InvalidRequestException or ConflictException or ResourceNotFoundException or MethodNotAllowedException)
            {
                // Refusals are part of the mix: a refused write must leave no trace either. One
                // writer alone never loses a race, so running out of retries is not a refusal.
                Assert.DoesNotContain("many requests at once", ex.Message);
                refusals++;
            }

            if (step % CheckEvery == 0)
            {
                await h.AssertConsistentAsync();
            }
        }

        // The mix really exercised the paths it claims to, not only the happy ones.
        Assert.InRange(refusals, 1, Steps / 2);
        Assert.NotEmpty(await h.ReadRowsAsync(ContactKeys.UnsubscribedPrefix));
        Assert.NotEmpty(await h.ReadRowsAsync(ContactKeys.MemberPrefix));
        Assert.NotEmpty(await h.ReadRowsAsync(ContactKeys.SmsPrefix));
        foreach (var groupId in groups)
        {
            var group = await h.GetGroupAsync(groupId);
            var (members, active) = await h.RecountAsync(groupId);
            Assert.Equal((members, active), (group.Counter, group.ActiveCounter));
        }
    }

    private static async Task StepAsync(ContactHarness h, ContactHarness other, Random random, List<long> groups, List<Contact> contacts)
    {
        var email = $"person{random.Next(Emails)}@example.com";
        var number = $"054-12345{random.Next(Numbers):D2}";
        var contact = contacts.Count > 0 ? contacts[random.Next(contacts.Count)] : null;
        var group = groups.Count > 0 ? groups[random.Next(groups.Count)] : (long?)null;
        var status = random.Next(4) switch { 0 => "Subscribed", 1 => "Unsubscribed", 2 => "None", _ => "Pending" };
        var flag = random.Next(2) == 0 ? "true" : "false";

        switch (random.Next(16))
        {
            case 0 or 1:
                await h.UpsertAsync($$"""{"email":"{{email}}","first_name":"n{{random.Next(3)}}"{{(random.Next(3) == 0 ? $",\"sms\":\"{number}\"" : "")}}}""");
                break;
            case 2:
                await h.UpsertAsync($$"""{"sms":"{{number}}","status":"{{status}}"}""");
                break;
            case 3 when contact is not null:
                await h.UpdateAsync(contact.Id, $$"""{"email":{{(random.Next(4) == 0 ? "null" : $"\"{email}\"")}}}""");
                break;
            case 4 when contact is not null:
                await h.UpdateAsync(contact.Id, $$"""{"sms":{{(random.Next(3) == 0 ? "null" : $"\"{number}\"")}}}""");
                break;
            case 5 when contact is not null:
                await h.UpdateAsync(contact.Id, $$"""{"status":"{{status}}"}""");
                break;
            case 6 when contact is not null:
                await h.UpdateAsync(contact.Id, random.Next(2) == 0 ? $$"""{"is_do_not_mail":{{flag}}}""" : $$"""{"is_do_not_mail":{{flag}},"status":"{{status}}"}""");
                break;
            case 7 when group is not null:
                await h.AddMemberAsync(group.Value, $$"""{"email":"{{email}}"{{(random.Next(4) == 0 ? $",\"status\":\"{status}\"" : "")}}}""");
                break;
            case 8 when contact is not null && group is not null:
                var memberGroup = contact.GroupIds.Count > 0 && random.Next(4) > 0 ? contact.GroupIds[random.Next(contact.GroupIds.Count)] : group.Value;
                await h.RemoveMemberAsync(memberGroup, contact.Id);
                break;
            case 9 when contact is not null:
                if (random.Next(2) == 0)
                {
                    await h.Contacts.DeleteAsync(h.AccountId, ContactHarness.Id(contact.Id), ContactHarness.Api, CancellationToken.None);
                }
                else
                {
                    await h.UpsertAsync($$"""{"email":"{{email}}","is_deleted":true}""");
                }

                break;
            case 10 when group is not null:
                await h.ImportAsync(group.Value, ImportRows(random));
                break;
            case 11 when group is not null && random.Next(3) == 0:
                await h.DeleteGroupAsync(group.Value);
                groups.Remove(group.Value);
                break;
            case 12 when groups.Count < 5:
                groups.Add((await h.NewGroupAsync("Later group")).Id);
                break;
            case 13 when contact?.Email is not null:
                await Task.WhenAll(
                    h.UpdateAsync(contact.Id, $$"""{"email":"{{email}}"}"""),
                    other.UpsertAsync($$"""{"email":"{{contact.Email}}","last_name":"raced"}"""));
                break;
            case 14 when group is not null:
                using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(40))))
                {
                    try
                    {
                        await h.ImportAsync(group.Value, ImportRows(random), cancellation.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // Cancelled part-way, as a client that hangs up: what it wrote must still be whole.
                    }
                }

                break;
            case 15 when group is not null && random.Next(2) == 0:
                groups.Remove(group.Value);
                await Task.WhenAll(
                    h.DeleteGroupAsync(group.Value),
                    random.Next(2) == 0
                        ? other.ImportAsync(group.Value, ImportRows(random))
                        : other.AddMemberAsync(group.Value, $$"""{"email":"{{email}}"}"""));
                break;
        }
    }

    private static List<object> ImportRows(Random random) =>
        Enumerable.Range(0, random.Next(2, 7)).Select(object (_) => new
        {
            email = $"person{random.Next(Emails)}@example.com",
            status = random.Next(3) == 0 ? "Unsubscribed" : null,
            is_do_not_mail = random.Next(6) == 0 ? true : (bool?)null,
            last_name = $"import {random.Next(3)}",
        }).ToList();
}
