using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Sentier.DevHost.Hosting;

namespace Sentier.Testing;

/// <summary>
/// The real DevHost on loopback ports chosen by the OS (IPv4 and IPv6), configured through a
/// local.settings.json of its own like a developer's, storing into the test run's Azurite.
/// </summary>
public sealed class DevHostServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-3f9c1e0b7a5d4c2e";

    /// <summary>
    /// <c>Sentier__EncryptionKey</c>, new for each test run: no test may depend on a fixed key.
    /// <c>scripts/test.sh</c> gives every test process of a run the same one, because their
    /// DevHosts share the <c>webhook-deliveries</c> queue and take each other's messages.
    /// </summary>
    public static readonly string EncryptionKey =
        Environment.GetEnvironmentVariable("SENTIER_TEST_ENCRYPTION_KEY") is { Length: 64 } shared
            ? shared
            : Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    private readonly WebApplication _app;
    private readonly string _settingsFile;
    private readonly ApiContract? _contract;

    private DevHostServer(WebApplication app, string settingsFile, Uri ipv4, Uri? ipv6, bool servesTheRepositoryHostJson)
    {
        _app = app;
        _settingsFile = settingsFile;
        BaseAddress = ipv4;
        Ipv6BaseAddress = ipv6;
        // The documents describe the app under the repository's host.json (route prefix "api"); a
        // test that serves another prefix tests the DevHost, not the API.
        _contract = servesTheRepositoryHostJson ? ContractCheckingHandler.ContractOf(app.Services) : null;
        Client = CreateClient();
    }

    public const string DeliverFunction = "Webhooks_Deliver";

    public const string DeliverPoisonFunction = "Webhooks_DeliverPoison";

    public const string DispatchFunction = "Webhooks_Dispatch";

    public const string DispatchPoisonFunction = "Webhooks_DispatchPoison";

    public const string SweepFunction = "Webhooks_Sweep";

    public const string FacebookPollFunction = "Facebook_Poll";

    public const string FacebookSyncFunction = "Facebook_Sync";

    public const string FacebookSyncPoisonFunction = "Facebook_SyncPoison";

    /// <summary>The app setting that keeps a function from being triggered, as in the Functions host.</summary>
    public static string DisabledSetting(string functionName) => $"AzureWebJobs.{functionName}.Disabled";

    /// <summary>
    /// Settings for a test DevHost that dispatches change records (the nudge queue and the sweep)
    /// and listens to the webhook delivery queues, which the others leave alone.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Delivering { get; } = new Dictionary<string, string>
    {
        [DisabledSetting(DeliverFunction)] = "false",
        [DisabledSetting(DeliverPoisonFunction)] = "false",
        [DisabledSetting(DispatchFunction)] = "false",
        [DisabledSetting(DispatchPoisonFunction)] = "false",
        [DisabledSetting(SweepFunction)] = "false",
    };

    /// <summary>Settings for a test DevHost that runs the Facebook sync queue worker (the poller's timer stays off: tests enqueue).</summary>
    public static IReadOnlyDictionary<string, string> SyncingFacebook { get; } = new Dictionary<string, string>
    {
        [DisabledSetting(FacebookSyncFunction)] = "false",
        [DisabledSetting(FacebookSyncPoisonFunction)] = "false",
    };

    /// <summary><c>http://127.0.0.1:{port}/api/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary><c>http://[::1]:{port}/api/</c>.</summary>
    public Uri? Ipv6BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Values for local.settings.json (<c>Sentier__TrustedProxyHops</c>, …), over the defaults.</param>
    public static async Task<DevHostServer> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null,
        string? hostJsonPath = null,
        params Assembly[] functionAssemblies)
    {
        var values = new Dictionary<string, string>
        {
            ["AppStorage"] = TestStorage.ConnectionString,
            ["AzureWebJobsStorage"] = TestStorage.ConnectionString,
            ["Sentier__AdminKey"] = AdminKey,
            ["Sentier__EncryptionKey"] = EncryptionKey,
            ["Webhooks__AllowHttp"] = "true",
            ["Webhooks__AllowedNetworks"] = "127.0.0.0/8,::1",

            // Seconds-scale retries (four attempts in ~3 s) for the tests that deliver webhooks.
            ["Webhooks__RetrySchedule"] = "1,1,1",

            // Every test DevHost of a run shares one Azurite and so the webhook-deliveries queue: only
            // the hosts of the tests that deliver (DeliveringDevHostFixture) listen to it, so no other
            // host, its storage taken away by its own test, can hold a delivery for minutes.
            [DisabledSetting(DeliverFunction)] = "true",
            [DisabledSetting(DeliverPoisonFunction)] = "true",

            // Likewise for dispatch: the other hosts' writes still mark their accounts and nudge
            // (nudges expire after minutes), and the delivering host's sweep takes their records.
            [DisabledSetting(DispatchFunction)] = "true",
            [DisabledSetting(DispatchPoisonFunction)] = "true",
            [DisabledSetting(SweepFunction)] = "true",

            // The same for the shared facebook-sync queue; and no test waits five minutes for the poller.
            ["Facebook__PollSchedule"] = "0 */5 * * * *",
            [DisabledSetting(FacebookPollFunction)] = "true",
            [DisabledSetting(FacebookSyncFunction)] = "true",
            [DisabledSetting(FacebookSyncPoisonFunction)] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var settingsFile = Path.Combine(Path.GetTempPath(), $"sentier-test-{Guid.NewGuid():N}.settings.json");
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }));

        var args = new List<string> { "--settings", settingsFile, "--urls", "http://127.0.0.1:0;http://[::1]:0" };
        if (hostJsonPath is not null)
        {
            args.AddRange(["--DevHost:HostJson", hostJsonPath]);
        }

        var app = DevHostApplication.Build([.. args], functionAssemblies);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            File.Delete(settingsFile);
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var ipv4 = addresses.Single(a => a.Contains("127.0.0.1", StringComparison.Ordinal));
        var ipv6 = addresses.FirstOrDefault(a => a.Contains("[::1]", StringComparison.Ordinal));
        return new DevHostServer(app, settingsFile, new Uri(ipv4 + "/api/"), ipv6 is null ? null : new Uri(ipv6 + "/api/"), servesTheRepositoryHostJson: hostJsonPath is null);
    }

    /// <summary>A client whose every response is held to the API documents (<see cref="ContractCheckingHandler"/>).</summary>
    public HttpClient CreateClient(Uri? baseAddress = null) =>
        new(_contract is null ? new SocketsHttpHandler() : new ContractCheckingHandler(_contract)) { BaseAddress = baseAddress ?? BaseAddress };

    /// <summary>A client that sends <paramref name="authorization"/> on every request.</summary>
    public HttpClient CreateClient(string authorization, Uri? baseAddress = null)
    {
        var client = CreateClient(baseAddress);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return client;
    }

    /// <summary>Creates an account through the operator API and returns its id and first token.</summary>
    public async Task<TestAccount> CreateAccountAsync(string name = "test account")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "operator/accounts") { Content = JsonContent.Create(new { name }) };
        request.Headers.Add("X-Admin-Key", AdminKey);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new TestAccount(
            body.RootElement.GetProperty("id").GetString()!,
            body.RootElement.GetProperty("app").GetProperty("id").GetString()!,
            body.RootElement.GetProperty("token").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(_settingsFile);
    }
}

public sealed record TestAccount(string AccountId, string FirstAppId, string Token)
{
    public AuthenticationHeaderValue Bearer => new("Bearer", Token);
}
