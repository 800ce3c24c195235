using System.Diagnostics;

namespace Sentier.Infra.Tests.Scripts;

/// <summary>
/// <c>stop_azurite</c> waits for Azurite to write its data out, but not forever: a process that
/// ignores SIGINT is killed once the timeout has passed, so start.sh and test.sh always end.
/// </summary>
public sealed class AzuriteThatIgnoresTheStopIsKilled
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    [Fact]
    public void A_process_that_ignores_sigint_is_killed_after_the_timeout()
    {
        using var stubborn = Process.Start(new ProcessStartInfo("bash") { ArgumentList = { "-c", "trap '' INT; exec sleep 60" } })!;
        WaitUntilNamed(stubborn, "sleep");

        var clock = Stopwatch.StartNew();
        var result = ScriptLibrary.Run("stop_azurite", stubborn.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        clock.Stop();

        Assert.Equal(0, result.ExitCode);
        Assert.True(stubborn.WaitForExit(TimeSpan.FromSeconds(5)), "The process still runs after stop_azurite.");
        Assert.InRange(clock.Elapsed, Timeout, Timeout + TimeSpan.FromSeconds(4));
        Assert.Contains("did not exit within 1 s", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Once bash has exec'd, the SIGINT it ignores is ignored by the process stop_azurite signals.</summary>
    private static void WaitUntilNamed(Process process, string name)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            process.Refresh();
            if (process.ProcessName == name)
            {
                return;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"The process never became {name}.");
            Thread.Sleep(20);
        }
    }
}
