using Sentier.Core.Common;

namespace Sentier.Core.Tests.Tokens;

public sealed class ApiAppConcurrentUpdates
{
    [Fact]
    public async Task ParallelUpdatesSucceedOrConflictAndOneOfThemWins()
    {
        using var h = await TokenHarness.CreateAsync();
        var account = await h.NewAccountAsync();
        var manager = await h.NewManagerAsync(account.Id);
        var (app, _) = await h.NewAppAsync(account.Id, """{"name":"contended"}""");
        var descriptions = Enumerable.Range(0, 10).Select(i => $"writer {i}").ToList();

        var outcomes = await Task.WhenAll(descriptions.Select(description => Task.Run(async () =>
        {
            try
            {
                await h.Service.UpdateAsync(manager, app.Id, TokenHarness.Json($$"""{"description":"{{description}}"}"""), CancellationToken.None);
                return (description, Error: (Exception?)null);
            }
            catch (Exception ex)
            {
                return (description, Error: ex);
            }
        })));

        Assert.All(outcomes, o => Assert.True(o.Error is null or ConflictException, $"{o.description}: {o.Error}"));
        var succeeded = outcomes.Where(o => o.Error is null).Select(o => o.description).ToList();
        Assert.NotEmpty(succeeded);

        var stored = await h.Service.GetAsync(manager, app.Id, CancellationToken.None);
        Assert.Contains(stored.Description, succeeded);
        Assert.Equal("contended", stored.Name);
    }
}
