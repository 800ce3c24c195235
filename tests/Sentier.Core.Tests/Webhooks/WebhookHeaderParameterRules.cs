using Sentier.Core.Common;
using Sentier.Core.Webhooks;

namespace Sentier.Core.Tests.Webhooks;

public sealed class WebhookHeaderParameterRules
{
    [Theory]
    [InlineData("Host")]
    [InlineData("host")]
    [InlineData("Content-Length")]
    [InlineData("Content-Type")]
    [InlineData("Content-Encoding")]
    [InlineData("User-Agent")]
    [InlineData("webhook-id")]
    [InlineData("Webhook-Signature")]
    [InlineData("webhook-timestamp")]
    [InlineData("Connection")]
    [InlineData("Keep-Alive")]
    [InlineData("Transfer-Encoding")]
    [InlineData("TE")]
    [InlineData("Trailer")]
    [InlineData("Upgrade")]
    [InlineData("Expect")]
    [InlineData("Proxy-Authorization")]
    [InlineData("Proxy-Connection")]
    public void HeadersSentierWritesOrHopByHopHeadersCannotBeSet(string name)
    {
        var failure = Assert.Throws<InvalidRequestException>(() => WebhookParameterRules.ValidateHeader(name, "x"));

        Assert.Contains($"'{name}' cannot be set", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Authorization", "Bearer abc")]
    [InlineData("X-Api-Key", "k-123")]
    [InlineData("X-Tenant", "")]
    [InlineData("Cookie", "a=b")]
    public void OtherHeadersMayBeSet(string name, string value)
    {
        WebhookParameterRules.ValidateHeader(name, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("X Api")]
    [InlineData("X-Api:")]
    [InlineData("X-Ápi")]
    [InlineData("X-Api\r\nHost")]
    public void MalformedNamesAreRefused(string name)
    {
        var failure = Assert.Throws<InvalidRequestException>(() => WebhookParameterRules.ValidateHeader(name, "x"));

        Assert.Contains("is not a valid HTTP header name", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\r\nHost: evil")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    public void ControlCharactersInValuesAreRefused(string value)
    {
        Assert.Throws<InvalidRequestException>(() => WebhookParameterRules.ValidateHeader("X-Api", value));
        Assert.Throws<InvalidRequestException>(() => WebhookParameterRules.ValidateQueryParameter("key", value));
    }

    [Fact]
    public void OverlongValuesAndNamesAreRefused()
    {
        Assert.Throws<InvalidRequestException>(() => WebhookParameterRules.ValidateHeader("X-Api", new string('a', WebhookParameterRules.MaxValueLength + 1)));
        Assert.Throws<InvalidRequestException>(() => WebhookParameterRules.ValidateHeader(new string('a', WebhookParameterRules.MaxNameLength + 1), "x"));
        Assert.Throws<InvalidRequestException>(() => WebhookParameterRules.ValidateQueryParameter(" ", "x"));
        WebhookParameterRules.ValidateQueryParameter("a b&c", "x=y");
    }
}
