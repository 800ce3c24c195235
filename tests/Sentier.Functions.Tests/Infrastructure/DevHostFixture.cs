using System.Reflection;
using Sentier.Testing;

namespace Sentier.Functions.Tests.Infrastructure;

/// <summary>
/// One real DevHost per test class, on loopback, storing into the run's Azurite. Subclasses
/// change its local.settings.json values or add function assemblies.
/// </summary>
public class DevHostFixture : IAsyncLifetime
{
    private DevHostServer? _server;

    public DevHostServer Server => _server ?? throw new InvalidOperationException("The DevHost has not started.");

    /// <summary>A client for the IPv4 address (<c>http://127.0.0.1:port/api/</c>).</summary>
    public ApiClient Api => new(Server.Client);

    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    protected virtual Assembly[] FunctionAssemblies => [];

    public Task<TestAccount> CreateAccountAsync(string name = "test account") => Server.CreateAccountAsync(name);

    public async Task InitializeAsync() =>
        _server = await DevHostServer.StartAsync(Settings, hostJsonPath: null, FunctionAssemblies);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The one kind of test DevHost that listens to the webhook delivery queue and its poison queue.</summary>
public sealed class DeliveringDevHostFixture : DevHostFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => DevHostServer.Delivering;
}

/// <summary>
/// A DevHost with the client-address settings <c>infra/app/function.bicep</c> deploys without a
/// front proxy: <c>Sentier__TrustedProxyHops</c> = 0 (the infra tests hold the template to it).
/// </summary>
public sealed class DeployedDevHostFixture : DevHostFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string> { ["Sentier__TrustedProxyHops"] = "0" };
}

/// <summary>A DevHost as deployed behind Azure Front Door with the lock on: one proxy in front of the platform.</summary>
public sealed class FrontDoorDevHostFixture : DevHostFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string> { ["Sentier__TrustedProxyHops"] = "1" };
}

/// <summary>A DevHost whose body limit is 1 KiB, so oversized bodies are cheap to send.</summary>
public sealed class SmallBodyLimitDevHostFixture : DevHostFixture
{
    public const int Limit = 1024;

    protected override IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string> { ["Sentier__MaxRequestBodyBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

/// <summary>A DevHost that also serves the test assembly's functions (Http/ThrowingFunctions.cs).</summary>
public sealed class TestFunctionsDevHostFixture : DevHostFixture
{
    protected override Assembly[] FunctionAssemblies => [typeof(TestFunctionsDevHostFixture).Assembly];
}
