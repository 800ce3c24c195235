using System.Net;
using System.Text.RegularExpressions;
using Sentier.Functions.Tests.Infrastructure;

namespace Sentier.Functions.Tests.Http;

/// <summary>An exception no handler expected is a 500 carrying a correlation id and nothing of the exception.</summary>
public sealed partial class UnexpectedErrorsHideInternals(TestFunctionsDevHostFixture host) : IClassFixture<TestFunctionsDevHostFixture>
{
    [GeneratedRegex(@"Correlation id: (?<id>\S+?)\.?$")]
    private static partial Regex CorrelationId();

    [Theory]
    [InlineData("test/throw")]
    [InlineData("test/throw-async")]
    public async Task A_thrown_exception_is_500_with_a_correlation_id_only(string path)
    {
        var response = await host.Api.GetAsync(path);

        var message = ApiAssert.Error(HttpStatusCode.InternalServerError, response);
        Assert.Contains("Correlation id", message, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingFunctions.Secret, response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", response.Body, StringComparison.Ordinal);

        var header = response.Header("X-Correlation-Id");
        Assert.False(string.IsNullOrEmpty(header));
        var match = CorrelationId().Match(message);
        Assert.True(match.Success, message);
        Assert.Equal(header, match.Groups["id"].Value);
    }

    [Fact]
    public async Task Each_failure_gets_its_own_correlation_id()
    {
        var first = await host.Api.GetAsync("test/throw");
        var second = await host.Api.GetAsync("test/throw");

        Assert.NotEqual(first.Header("X-Correlation-Id"), second.Header("X-Correlation-Id"));
    }

    [Fact]
    public async Task The_host_keeps_serving_after_a_failure()
    {
        ApiAssert.Error(HttpStatusCode.InternalServerError, await host.Api.GetAsync("test/throw"));

        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("health"));
        var account = await host.CreateAccountAsync();
        ApiAssert.Status(HttpStatusCode.OK, await host.Api.GetAsync("account", account.Token));
    }
}
