using Sentier.Core.Common;
using Sentier.Core.Contacts;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactPatchDateFields
{
    [Theory]
    [InlineData("2016-12-24T14:12:12", 14, 12, 12, 0)]
    [InlineData("2016-12-24T14:12:12Z", 14, 12, 12, 0)]
    [InlineData("2016-12-24T16:12:12+02:00", 14, 12, 12, 0)]
    [InlineData("2016-12-24T09:12:12-05:00", 14, 12, 12, 0)]
    [InlineData("2016-12-24T14:12:12.250", 14, 12, 12, 250)]
    [InlineData("2016-12-24T14:12:12.250+00:00", 14, 12, 12, 250)]
    [InlineData("2016-12-24 14:12:12", 14, 12, 12, 0)]
    [InlineData("2016-12-24", 0, 0, 0, 0)]
    [InlineData("2016/12/24", 0, 0, 0, 0)]
    [InlineData(" 2016-12-24 ", 0, 0, 0, 0)]
    public void DatesInEveryClientFormAreStoredAsUtc(string text, int hour, int minute, int second, int millisecond)
    {
        var patch = Patch($"{{\"birthday\": \"{text}\"}}");

        var date = Assert.IsType<DateTimeOffset>(patch.Fields["birthday"]);
        Assert.Equal(new DateTimeOffset(2016, 12, 24, hour, minute, second, millisecond, TimeSpan.Zero), date);
        Assert.Equal(TimeSpan.Zero, date.Offset);
    }

    [Theory]
    [InlineData("anniversary")]
    [InlineData("birthday")]
    [InlineData("date1")]
    [InlineData("date5")]
    public void EveryDateFieldIsADate(string name)
    {
        var patch = Patch($"{{\"{name}\": \"2020-02-29\"}}");

        Assert.Equal(new DateTimeOffset(2020, 2, 29, 0, 0, 0, TimeSpan.Zero), patch.Fields[name]);
    }

    [Fact]
    public void FirstDayOf1601IsAccepted()
    {
        var patch = Patch("{\"date1\": \"1601-01-01\"}");

        Assert.Equal(new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero), patch.Fields["date1"]);
    }

    [Theory]
    [InlineData("1600-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("1601-01-01T01:00:00+02:00")]
    public void DatesBefore1601AreRefused(string text)
    {
        // Table Storage cannot hold them.
        var ex = Assert.Throws<InvalidRequestException>(() => Patch($"{{\"date1\": \"{text}\"}}"));

        Assert.Equal("'date1' must be a date after 1601.", ex.Message);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"24/12/2016x\"")]
    [InlineData("\"2016-13-01\"")]
    [InlineData("\"2016-02-30\"")]
    [InlineData("20161224")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[\"2016-12-24\"]")]
    public void AnythingElseIsRefusedWithAnExample(string json)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Patch($"{{\"anniversary\": {json}}}"));

        Assert.Equal("'anniversary' must be a date such as 2016-12-24T14:12:12.", ex.Message);
    }
}
