using System.Text.Json;
using Sentier.Core.Common;
using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class SubscriptionStatusParsing
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("\"None\"", SubscriptionStatus.None)]
    [InlineData("\"Subscribed\"", SubscriptionStatus.Subscribed)]
    [InlineData("\"unsubscribed\"", SubscriptionStatus.Unsubscribed)]
    [InlineData("\"UNSUBSCRIBED\"", SubscriptionStatus.Unsubscribed)]
    [InlineData("\"pEnDiNg\"", SubscriptionStatus.Pending)]
    [InlineData("\"  Subscribed  \"", SubscriptionStatus.Subscribed)]
    public void NamesAreReadInAnyCase(string json, SubscriptionStatus expected)
    {
        Assert.Equal(expected, SubscriptionStatuses.Parse("status", Json(json)));
    }

    [Theory]
    [InlineData("0", SubscriptionStatus.None)]
    [InlineData("1", SubscriptionStatus.Subscribed)]
    [InlineData("2", SubscriptionStatus.Unsubscribed)]
    [InlineData("3", SubscriptionStatus.Pending)]
    public void NumbersAreActiveTrailsNumbers(string json, SubscriptionStatus expected)
    {
        Assert.Equal(expected, SubscriptionStatuses.Parse("status", Json(json)));
    }

    [Theory]
    [InlineData("\"0\"", SubscriptionStatus.None)]
    [InlineData("\"2\"", SubscriptionStatus.Unsubscribed)]
    [InlineData("\" 3 \"", SubscriptionStatus.Pending)]
    public void DigitsInAStringAreNumbers(string json, SubscriptionStatus expected)
    {
        Assert.Equal(expected, SubscriptionStatuses.Parse("status", Json(json)));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("4")]
    [InlineData("\"7\"")]
    [InlineData("1.5")]
    [InlineData("\"Subscribed,Unsubscribed\"")]
    [InlineData("\"Subscribed, Unsubscribed\"")]
    [InlineData("\"1,2\"")]
    [InlineData("\"Active\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[1]")]
    public void AnythingElseNamesTheFieldAndTheChoices(string json)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => SubscriptionStatuses.Parse("sms_status", Json(json)));

        Assert.Equal("'sms_status' must be one of None (0), Subscribed (1), Unsubscribed (2) or Pending (3).", ex.Message);
    }

    [Theory]
    [InlineData("Pending", true, SubscriptionStatus.Pending)]
    [InlineData("pending", true, SubscriptionStatus.Pending)]
    [InlineData("1", true, SubscriptionStatus.Subscribed)]
    [InlineData("7", false, null)]
    [InlineData("-1", false, null)]
    [InlineData("Subscribed,Unsubscribed", false, null)]
    [InlineData("Nope", false, null)]
    [InlineData("", false, null)]
    public void TryParseReportsWhetherTheTextIsAStatus(string text, bool expected, SubscriptionStatus? status)
    {
        Assert.Equal(expected, SubscriptionStatuses.TryParse(text, out var parsed));

        if (status is { } value)
        {
            Assert.Equal(value, parsed);
        }
    }
}
