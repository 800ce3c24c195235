using System.Net;
using System.Text.Json;
using Sentier.Core.Facebook;

namespace Sentier.Core.Tests.Facebook;

/// <summary>Graph's error envelope, throttling codes and usage headers, and <c>paging.next</c> URLs made safe to follow.</summary>
public sealed class GraphAnswersAreRead
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static GraphException Read(int status, string body, Dictionary<string, string>? headers = null)
    {
        using var document = JsonDocument.Parse(body);
        return GraphFailures.Read((HttpStatusCode)status, document.RootElement, name => headers?.GetValueOrDefault(name), Now);
    }

    private static string Error(int code, int? subcode = null) =>
        "{\"error\":{\"message\":\"m\",\"type\":\"OAuthException\",\"code\":" + code
        + (subcode is null ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"T1\"}}";

    [Theory]
    [InlineData(4, true)]
    [InlineData(17, false)]
    [InlineData(32, false)]
    [InlineData(613, false)]
    [InlineData(80001, false)]
    [InlineData(80005, false)]
    public void Throttling_codes_are_throttling_and_only_4_is_app_wide(int code, bool appWide)
    {
        var failure = Read(400, Error(code));

        Assert.Equal(GraphFailureKind.Throttled, failure.Kind);
        Assert.Equal(appWide, failure.AppWide);
        Assert.Equal(Now + GraphFailures.DefaultBackoff, failure.RetryAt);
        Assert.Equal("T1", failure.TraceId);
    }

    [Fact]
    public void Estimated_time_to_regain_access_sets_the_back_off()
    {
        var failure = Read(403, Error(80005), new() { ["X-Business-Use-Case-Usage"] = """{"1":[{"type":"leadgen","estimated_time_to_regain_access":3},{"type":"pages","estimated_time_to_regain_access":12}]}""" });

        Assert.Equal(Now.AddMinutes(12), failure.RetryAt);
    }

    [Fact]
    public void App_usage_at_100_percent_throttles_the_app_whatever_the_code()
    {
        var failure = Read(400, Error(1), new() { ["X-App-Usage"] = """{"call_count":100,"total_cputime":25,"total_time":25}""" });

        Assert.Equal(GraphFailureKind.Throttled, failure.Kind);
        Assert.True(failure.AppWide);
    }

    [Theory]
    [InlineData(190)]
    [InlineData(102)]
    [InlineData(463)]
    [InlineData(467)]
    public void Token_codes_mean_the_token_is_invalid(int code) =>
        Assert.Equal(GraphFailureKind.TokenInvalid, Read(400, Error(code, 460)).Kind);

    [Fact]
    public void Other_errors_are_refusals_and_5xx_is_unavailable()
    {
        Assert.Equal(GraphFailureKind.Refused, Read(400, Error(100)).Kind);
        Assert.Equal(GraphFailureKind.Unavailable, Read(503, "{}").Kind);
        Assert.Contains("Graph error 100", Read(400, Error(100)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_never_carry_a_token()
    {
        var failure = Read(400, """{"error":{"message":"bad https://graph.facebook.com/x?access_token=EAAsecret123&limit=1","code":100}}""");

        Assert.DoesNotContain("EAAsecret123", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_page_urls_lose_their_secrets_and_must_stay_on_the_graph_server()
    {
        var root = new Uri("https://graph.facebook.com/v25.0/");

        var next = GraphUrls.NextPage("https://graph.facebook.com/v25.0/123/leads?access_token=EAAsecret&limit=100&after=QVFI&appsecret_proof=abc", root);

        Assert.Equal("https://graph.facebook.com/v25.0/123/leads?limit=100&after=QVFI", next!.AbsoluteUri);
        Assert.Null(GraphUrls.NextPage("https://evil.example.com/v25.0/123/leads?access_token=EAAsecret", root));
        Assert.Null(GraphUrls.NextPage("http://graph.facebook.com/v25.0/123/leads", root));
        Assert.Null(GraphUrls.NextPage(null, root));
    }
}
