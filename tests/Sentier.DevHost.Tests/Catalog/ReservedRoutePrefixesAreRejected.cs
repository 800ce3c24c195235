using Microsoft.AspNetCore.Builder;
using Sentier.Catalog;
using Sentier.DevHost.Hosting;
using Sentier.DevHost.Tests.Samples;

namespace Sentier.DevHost.Tests.Catalog;

/// <summary>
/// The Functions host refuses to load an HTTP function whose route starts with <c>admin</c> or
/// <c>runtime</c> (it only logs an error and serves the rest, so the route is a 404 in Azure). The
/// DevHost refuses to start instead, naming the function, so such a route cannot ship unseen.
/// </summary>
public sealed class ReservedRoutePrefixesAreRejected
{
    // The Facebook poller's schedule is a setting the Functions host must resolve; the DevHost as well.
    private static readonly string[] Args = ["--urls", "http://127.0.0.1:0", "--Facebook:PollSchedule", "0 */5 * * * *"];

    [Theory]
    [InlineData(typeof(AdminRouteSample), AdminRouteSample.Name, "admin")]
    [InlineData(typeof(RuntimeRouteSample), RuntimeRouteSample.Name, "runtime")]
    [InlineData(typeof(AdminWordPrefixSample), AdminWordPrefixSample.Name, "admin")]
    [InlineData(typeof(AdminNamedSample), AdminNamedSample.Name, "admin")]
    public void TheDevHostDoesNotStart(Type sample, string functionName, string prefix)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DevHostApplication.Build(Args, new TypeSubsetAssembly(sample)));

        Assert.Contains($"'{functionName}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{prefix}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWordsLaterInARouteAreServed()
    {
        WebApplication app = DevHostApplication.Build(Args, new TypeSubsetAssembly(typeof(ReservedWordsLaterInTheRouteSample)));
        await app.DisposeAsync();
    }

    [Theory]
    [InlineData("admin", "admin")]
    [InlineData("ADMIN/x", "admin")]
    [InlineData("//admin//", "admin")]
    [InlineData("adminx", "admin")]
    [InlineData("runtime/webhooks/x", "runtime")]
    [InlineData("RunTimes", "runtime")]
    [InlineData("operator/accounts", null)]
    [InlineData("api/admin", null)]
    [InlineData("x/runtime", null)]
    [InlineData("admi", null)]
    [InlineData("{admin}", null)]
    public void TheRuleIsTheHostsPlainPrefixAfterTrimmingSlashes(string route, string? expected)
    {
        Assert.Equal(expected, ReservedRoutes.PrefixOf(route));
    }
}
