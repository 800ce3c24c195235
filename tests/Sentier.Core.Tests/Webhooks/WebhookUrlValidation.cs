using Sentier.Core.Common;
using Sentier.Core.Tokens;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

public sealed class WebhookUrlValidation
{
    private static readonly OutboundAddressPolicy Strict = new(IpAllowList.Empty);
    private static readonly OutboundAddressPolicy Local = new(IpAllowList.Parse(["127.0.0.0/8", "::1"]));

    [Theory]
    [InlineData("https://hooks.example.com/sentier?x=1")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    public void PublicHttpsUrlsAreAccepted(string url)
    {
        Assert.Equal(new Uri(url), WebhookUrlRules.Validate(url, allowHttp: false, Strict));
    }

    [Theory]
    [InlineData("hooks.example.com/x", "must be an absolute http or https URL")]
    [InlineData("/relative", "must be an absolute http or https URL")]
    [InlineData("ftp://example.com/x", "must be an absolute http or https URL")]
    [InlineData("file:///etc/passwd", "must be an absolute http or https URL")]
    [InlineData("http://example.com/x", "http URLs are not allowed (https is required unless Webhooks:AllowHttp is true)")]
    [InlineData("https://user:pass@example.com/x", "must not contain a user name or password")]
    [InlineData("https://127.0.0.1/x", "127.0.0.1 is a loopback address")]
    [InlineData("https://[::1]/x", "::1 is a loopback address")]
    [InlineData("https://169.254.169.254/x", "169.254.169.254 is a link-local address")]
    [InlineData("https://[::ffff:10.0.0.1]/x", "::ffff:10.0.0.1 is a private address")]
    public void OtherUrlsAreRefusedWithTheReason(string url, string reason)
    {
        var failure = Assert.Throws<InvalidRequestException>(() => WebhookUrlRules.Validate(url, allowHttp: false, Strict));

        Assert.StartsWith("'url' ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongUrlsAreRefused()
    {
        var url = "https://example.com/" + new string('a', WebhookUrlRules.MaxLength);

        Assert.Contains("longer than 2048", Assert.Throws<InvalidRequestException>(() => WebhookUrlRules.Validate(url, false, Strict)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalSettingsAllowHttpToLoopback()
    {
        Assert.Equal(new Uri("http://127.0.0.1:5000/hook"), WebhookUrlRules.Validate("http://127.0.0.1:5000/hook", allowHttp: true, Local));
        Assert.Equal(new Uri("http://localhost:5000/hook"), WebhookUrlRules.Validate("http://localhost:5000/hook", allowHttp: true, Local));
    }
}
