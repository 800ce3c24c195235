namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// An import assumes its contacts are new until a transaction proves otherwise, while single
/// upserts of the same emails run beside it. Whoever creates an email first, the other must find
/// and update that contact: every email ends as one contact, and no row of the import is lost.
/// </summary>
public sealed class ImportAndUpsertsNeverDuplicate
{
    [Fact]
    public async Task AnImportAndSingleUpsertsOfOverlappingEmailsMakeOneContactPerEmail()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync("Imported");
        var other = await h.NewGroupAsync("Joined singly");
        var otherInstance = h.AnotherInstance();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var import = Task.Run(async () =>
        {
            await start.Task;
            return await h.ImportAsync(group.Id, Enumerable.Range(0, 300).Select(i => new { email = $"overlap{i}@example.com", last_name = "Imported" }));
        });

        // Emails 150-349 singly, as a handful of clients would send them, the first 150 of them
        // also in the import; some join another group.
        var singles = Task.Run(async () =>
        {
            await start.Task;
            await Parallel.ForEachAsync(Enumerable.Range(150, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var json = $$"""{"email":"overlap{{i}}@example.com","first_name":"Single"}""";
                if (i % 3 == 0)
                {
                    await otherInstance.AddMemberAsync(other.Id, json);
                }
                else
                {
                    await otherInstance.UpsertAsync(json);
                }
            });
        });
        start.SetResult();
        var result = await import;
        await singles;

        Assert.Empty(result.Failed);
        Assert.Equal(300, result.Created + result.Updated);
        var contacts = await h.ReadContactsAsync();
        Assert.Equal(350, contacts.Count);
        Assert.All(contacts.Where(contact => contact.Fields.ContainsKey("last_name")), contact => Assert.Contains(group.Id, contact.GroupIds));
        Assert.Equal(300, contacts.Count(contact => contact.GroupIds.Contains(group.Id)));
        Assert.All(contacts.Where(contact => int.Parse(contact.Email!["overlap".Length..contact.Email!.IndexOf('@')]) >= 150),
            contact => Assert.Equal("Single", contact.Fields["first_name"]));
        Assert.Equal(300, (await h.GetGroupAsync(group.Id)).Counter);
        Assert.Equal(await h.RecountAsync(other.Id), ((await h.GetGroupAsync(other.Id)).Counter, (await h.GetGroupAsync(other.Id)).ActiveCounter));
        await h.AssertConsistentAsync();
    }

    [Fact]
    public async Task TwoOverlappingImportsAtOnceMakeOneContactPerEmail()
    {
        var h = await ContactHarness.CreateAsync();
        var group = await h.NewGroupAsync();
        var otherInstance = h.AnotherInstance();

        var results = await Task.WhenAll(
            Task.Run(() => h.ImportAsync(group.Id, Enumerable.Range(0, 200).Select(i => new { email = $"twin{i}@example.com" }))),
            Task.Run(() => otherInstance.ImportAsync(group.Id, Enumerable.Range(100, 200).Select(i => new { email = $"twin{i}@example.com" }))));

        Assert.All(results, result => Assert.Empty(result.Failed));
        Assert.Equal(300, results.Sum(result => result.Created));
        Assert.Equal(300, (await h.ReadContactsAsync()).Count);
        Assert.Equal(300, (await h.GetGroupAsync(group.Id)).Counter);
        await h.AssertConsistentAsync();
    }
}
