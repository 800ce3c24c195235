using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace Sentier.Benchmarks;

/// <summary>
/// The DevHost in a child process, so that the load generator's own CPU and GC are not charged to
/// the server. It listens on a free loopback port and stores into the run's Azurite; disposing it
/// kills it, whatever happened before.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 40;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly string _settingsFile;
    private readonly ConcurrentQueue<string> _recentOutput = new();

    private DevHostProcess(Process process, string settingsFile, Uri apiBase, string adminKey)
    {
        _process = process;
        _settingsFile = settingsFile;
        ApiBase = apiBase;
        AdminKey = adminKey;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);

        // A harness stopped by Ctrl-C or SIGTERM must not leave a server behind.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    /// <summary><c>http://127.0.0.1:{port}/api/</c>.</summary>
    public Uri ApiBase { get; }

    public string AdminKey { get; }

    /// <summary>The server's process id, for reading its memory from <c>/proc</c>.</summary>
    public int ProcessId => _process.Id;

    /// <summary>User plus system CPU the server has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Settings that trigger attributes name (<c>%Facebook:PollSchedule%</c>), which the DevHost must have to start.</summary>
    public static IReadOnlyDictionary<string, string?> TriggerSettings { get; } = new Dictionary<string, string?>
    {
        ["Facebook:PollSchedule"] = "0 */5 * * * *",
    };

    /// <param name="settings">More local.settings.json values, over the defaults (e.g. which functions run).</param>
    public static async Task<DevHostProcess> StartAsync(
        string storageConnectionString, HttpClient client, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        // Sentier.DevHost is referenced through Sentier.Testing, so its dll, deps.json and
        // runtimeconfig.json are built into this program's own folder.
        var devHostDll = Path.Combine(AppContext.BaseDirectory, "Sentier.DevHost.dll");
        if (!File.Exists(devHostDll) || !File.Exists(Path.ChangeExtension(devHostDll, ".runtimeconfig.json")))
        {
            throw new SetupException($"{devHostDll} or its runtimeconfig.json is missing; build tests/Sentier.Benchmarks again.");
        }

        var adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var values = new Dictionary<string, string>
        {
            ["AppStorage"] = storageConnectionString,
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Sentier__AdminKey"] = adminKey,
            ["Sentier__EncryptionKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            ["Webhooks__AllowHttp"] = "true",
            ["Webhooks__AllowedNetworks"] = "127.0.0.0/8,::1",
        };
        foreach (var (key, value) in TriggerSettings)
        {
            values[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var settingsFile = Path.Combine(Path.GetTempPath(), $"sentier-bench-{Guid.NewGuid():N}.settings.json");
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }), cancellationToken);

        var apiBase = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/api/");
        var start = new ProcessStartInfo(DotnetHost())
        {
            ArgumentList = { devHostDll, "--settings", settingsFile, "--urls", apiBase.GetLeftPart(UriPartial.Authority) },
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new SetupException($"Could not start {start.FileName} {devHostDll}.");
        var devHost = new DevHostProcess(process, settingsFile, apiBase, adminKey);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await devHost.WaitUntilHealthyAsync(client, cancellationToken);
            return devHost;
        }
        catch
        {
            await devHost.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an account through the operator API and returns its first API token.</summary>
    public async Task<string> CreateAccountAsync(HttpClient client, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiBase, "operator/accounts"))
        {
            Content = JsonContent.Create(new { name }),
        };
        request.Headers.Add("X-Admin-Key", AdminKey);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new SetupException($"Creating an account answered {(int)response.StatusCode}: {body}");
        }

        using var created = JsonDocument.Parse(body);
        return created.RootElement.GetProperty("token").GetString()
            ?? throw new SetupException($"The created account has no token: {body}");
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await Task.Run(() => _process.WaitForExit(TimeSpan.FromSeconds(10)));
        }

        _process.Dispose();
        File.Delete(_settingsFile);
    }

    private async Task WaitUntilHealthyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new SetupException($"The DevHost exited with code {_process.ExitCode} while starting.{RecentOutput()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(ApiBase, "health"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetElapsedTime(started) > StartTimeout)
            {
                throw new SetupException($"The DevHost did not answer {ApiBase}health within {StartTimeout.TotalSeconds:0} s.{RecentOutput()}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _recentOutput.Enqueue(line);
        if (_recentOutput.Count > OutputLinesKept)
        {
            _recentOutput.TryDequeue(out _);
        }
    }

    private string RecentOutput() =>
        _recentOutput.IsEmpty ? "" : Environment.NewLine + "DevHost output:" + Environment.NewLine + string.Join(Environment.NewLine, _recentOutput);

    private void KillOnExit(object? sender, EventArgs e)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The muxer that is running this build (set by the SDK); otherwise the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
