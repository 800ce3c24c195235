using Sentier.Core.Common;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactPatchNumberFields
{
    [Theory]
    [InlineData("42", 42.0)]
    [InlineData("-3", -3.0)]
    [InlineData("3.14", 3.14)]
    [InlineData("1e3", 1000.0)]
    [InlineData("0", 0.0)]
    public void JsonNumbersAreStoredAsDoubles(string json, double expected)
    {
        var value = Patch($"{{\"num1\": {json}}}").Fields["num1"];

        Assert.Equal(expected, Assert.IsType<double>(value));
    }

    [Theory]
    [InlineData("42", 42.0)]
    [InlineData("3.14", 3.14)]
    [InlineData(" 7 ", 7.0)]
    [InlineData("-0.5", -0.5)]
    [InlineData("2.5e2", 250.0)]
    public void NumericStringsAreNumbers(string text, double expected)
    {
        var value = Patch($"{{\"num5\": \"{text}\"}}").Fields["num5"];

        Assert.Equal(expected, Assert.IsType<double>(value));
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("\"∞\"")]
    [InlineData("1e400")]
    [InlineData("\"1e400\"")]
    [InlineData("\"1,5\"")]
    [InlineData("\"12abc\"")]
    [InlineData("\"abc\"")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("{\"value\": 1}")]
    [InlineData("[1]")]
    public void NonFiniteAndNonNumericValuesAreRefused(string json)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Patch($"{{\"num2\": {json}}}"));

        Assert.Equal("'num2' must be a number.", ex.Message);
    }
}
