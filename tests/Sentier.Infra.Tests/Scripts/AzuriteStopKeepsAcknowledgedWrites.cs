using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Sentier.Testing;

namespace Sentier.Infra.Tests.Scripts;

/// <summary>
/// Azurite keeps tables and queues in memory and writes them to disk every few seconds. Stopped by
/// scripts/lib.sh's <c>stop_azurite</c> (start.sh's Ctrl-C, test.sh's exit), it must first write out
/// everything it acknowledged, even a moment before the stop, and still exit within seconds.
/// </summary>
public sealed class AzuriteStopKeepsAcknowledgedWrites : IDisposable
{
    /// <summary>Well below stop_azurite's 15 s timeout: a graceful exit, not the SIGKILL fallback.</summary>
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);

    private const string GroupName = "Created just before the stop";
    private const string QueueName = "azurite-stop-probe";
    private const string MessageText = "sent just before the stop";

    private readonly string _data = Directory.CreateTempSubdirectory("sentier-azurite-stop-").FullName;

    [Fact]
    public async Task Writes_made_just_before_the_stop_are_read_back_after_a_restart()
    {
        TestAccount account;
        long groupId;
        using (var azurite = ScriptedAzurite.Start(_data))
        {
            // The app and this test reach Azurite through relays: stopping them ends every
            // connection, as start.sh's stopping the DevHost (and test.sh's end of dotnet test) does
            // before Azurite is stopped.
            await using var blobs = TcpRelay.Start(azurite.BlobPort);
            await using var queues = TcpRelay.Start(azurite.QueuePort);
            await using var tables = TcpRelay.Start(azurite.TablePort);
            var storage = ScriptedAzurite.ConnectionString(blobs.Port, queues.Port, tables.Port);
            await using (var app = await DevHostServer.StartAsync(StorageSettings(storage)))
            {
                account = await app.CreateAccountAsync("azurite stop");
                groupId = await CreateGroupAsync(app, account.Token);
                var queue = new QueueClient(storage, QueueName);
                await queue.CreateAsync();
                await queue.SendMessageAsync(MessageText);
            }

            await Task.WhenAll(blobs.StopAsync(), queues.StopAsync(), tables.StopAsync());
            var stopTook = azurite.Stop();

            Assert.False(azurite.IsRunning, "Azurite still runs after stop_azurite.");
            Assert.True(stopTook < StopDeadline, $"stop_azurite took {stopTook}.");
        }

        using var restarted = ScriptedAzurite.Start(_data);
        var restartedStorage = ScriptedAzurite.ConnectionString(restarted.BlobPort, restarted.QueuePort, restarted.TablePort);
        await using var restartedApp = await DevHostServer.StartAsync(StorageSettings(restartedStorage));
        using var client = restartedApp.CreateClient(account.Token);
        using var group = await client.GetAsync($"groups/{groupId}");
        var groupBody = await group.Content.ReadAsStringAsync();
        Assert.True(group.StatusCode == HttpStatusCode.OK, $"GET groups/{groupId} after the restart: {(int)group.StatusCode} {groupBody}");
        using var read = JsonDocument.Parse(groupBody);
        Assert.Equal(GroupName, read.RootElement.GetProperty("name").GetString());
        var messages = await new QueueClient(restartedStorage, QueueName).PeekMessagesAsync(maxMessages: 32);
        Assert.Equal([MessageText], messages.Value.Select(message => message.Body.ToString()));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static Dictionary<string, string> StorageSettings(string connectionString) => new()
    {
        ["AppStorage"] = connectionString,
        ["AzureWebJobsStorage"] = connectionString,
    };

    private static async Task<long> CreateGroupAsync(DevHostServer app, string token)
    {
        using var client = app.CreateClient(token);
        using var response = await client.PostAsJsonAsync("groups", new { name = GroupName });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetInt64();
    }
}
