using System.Diagnostics;
using System.Globalization;

namespace Sentier.Infra.Tests.Scripts;

/// <summary>
/// An Azurite started and stopped by scripts/lib.sh's own functions, on free ports, keeping its
/// data in a folder of the caller's that outlives it.
/// </summary>
internal sealed class ScriptedAzurite : IDisposable
{
    private ScriptedAzurite(string pid, int blobPort, int queuePort, int tablePort)
    {
        Pid = pid;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public string Pid { get; }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public bool IsRunning => ScriptLibrary.Run("process_alive", Pid).ExitCode == 0;

    public static ScriptedAzurite Start(string dataFolder)
    {
        var ports = Enumerable.Range(0, 3).Select(_ => int.Parse(ScriptLibrary.Call("free_port"), CultureInfo.InvariantCulture)).ToArray();
        var pid = ScriptLibrary.Call("start_azurite", Path.Combine(dataFolder, "store"), Text(ports[0]), Text(ports[1]), Text(ports[2]), Path.Combine(dataFolder, "azurite.log"));
        return new ScriptedAzurite(pid, ports[0], ports[1], ports[2]);
    }

    /// <summary>The scripts' connection string for these ports (Azurite's own, or relays to them).</summary>
    public static string ConnectionString(int blobPort, int queuePort, int tablePort) =>
        ScriptLibrary.Call("azurite_connection_string", Text(blobPort), Text(queuePort), Text(tablePort));

    /// <summary>Stops it with <c>stop_azurite</c>, as start.sh and test.sh do, and returns how long that took.</summary>
    public TimeSpan Stop()
    {
        var clock = Stopwatch.StartNew();
        ScriptLibrary.Call("stop_azurite", Pid);
        return clock.Elapsed;
    }

    public void Dispose()
    {
        if (IsRunning)
        {
            Stop();
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
