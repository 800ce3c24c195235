using System.Text.Json;
using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class SentierJsonWireFormat
{
    private sealed record Sample(string FirstName, DateTimeOffset CreatedAt, DateTimeOffset? LastUsed, DateTimeOffset? NeverSet);

    private static readonly DateTimeOffset Moment = new(2016, 12, 24, 14, 12, 12, 345, TimeSpan.FromHours(2));

    [Fact]
    public void PropertyNamesAreSnakeCase()
    {
        var json = JsonSerializer.Serialize(new Sample("Dana", Moment, Moment, null), SentierJson.Options);

        using var document = JsonDocument.Parse(json);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["first_name", "created_at", "last_used", "never_set"], names);
    }

    [Fact]
    public void DatesAreWrittenInWireFormatUtc()
    {
        var json = JsonSerializer.Serialize(new Sample("Dana", Moment, Moment, null), SentierJson.Options);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("2016-12-24T12:12:12", document.RootElement.GetProperty("created_at").GetString());
        Assert.Equal("2016-12-24T12:12:12", document.RootElement.GetProperty("last_used").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("never_set").ValueKind);
    }

    [Fact]
    public void OffsetAndFractionsAreDroppedForTheUtcSecond()
    {
        var plusThree = new DateTimeOffset(2016, 12, 24, 1, 30, 5, TimeSpan.FromHours(3)).AddTicks(9_876_543);

        var json = JsonSerializer.Serialize(new Sample("Dana", plusThree, plusThree, null), SentierJson.Options);

        Assert.Contains("\"created_at\":\"2016-12-23T22:30:05\"", json);
        Assert.Contains("\"last_used\":\"2016-12-23T22:30:05\"", json);
        Assert.DoesNotContain("+03:00", json);
        Assert.DoesNotContain("Z\"", json);
        Assert.DoesNotContain(".98", json);
    }

    [Fact]
    public void HebrewTextIsNotEscaped()
    {
        var json = JsonSerializer.Serialize(new Sample("שלום עולם", Moment, null, null), SentierJson.Options);

        Assert.Contains("\"שלום עולם\"", json);
        Assert.DoesNotContain("\\u05", json);
    }

    [Fact]
    public void ApostrophesAndAngleBracketsAreNotEscaped()
    {
        var json = JsonSerializer.Serialize(new Sample("O'Brien & <Sons>", Moment, null, null), SentierJson.Options);

        Assert.Contains("O'Brien & <Sons>", json);
        Assert.DoesNotContain("\\u0027", json);
    }

    [Fact]
    public void QuotesAreStillEscapedSoTheOutputStaysValidJson()
    {
        var json = JsonSerializer.Serialize(new Sample("say \"hi\"", Moment, null, null), SentierJson.Options);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("say \"hi\"", document.RootElement.GetProperty("first_name").GetString());
    }

    [Fact]
    public void SnakeCaseWireDatesAreReadBack()
    {
        var sample = JsonSerializer.Deserialize<Sample>(
            "{\"first_name\":\"Dana\",\"created_at\":\"2016-12-24T14:12:12\",\"last_used\":\"2016-12-24\",\"never_set\":null}",
            SentierJson.Options)!;

        Assert.Equal("Dana", sample.FirstName);
        Assert.Equal(new DateTimeOffset(2016, 12, 24, 14, 12, 12, TimeSpan.Zero), sample.CreatedAt);
        Assert.Equal(new DateTimeOffset(2016, 12, 24, 0, 0, 0, TimeSpan.Zero), sample.LastUsed);
        Assert.Null(sample.NeverSet);
    }

    [Fact]
    public void UnreadableDateFailsDeserialization()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Sample>(
            "{\"first_name\":\"Dana\",\"created_at\":\"soon\"}", SentierJson.Options));
    }

    [Fact]
    public void DictionaryKeysAreWrittenAsGiven()
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, int> { ["CustomField"] = 1 }, SentierJson.Options);

        Assert.Equal("{\"CustomField\":1}", json);
    }
}
