using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class EmailAddressNormalisation
{
    [Theory]
    [InlineData("dana@example.com", "dana@example.com")]
    [InlineData("  Dana@Example.COM  ", "dana@example.com")]
    [InlineData("\tDANA.LEVI@EXAMPLE.CO.IL\r\n", "dana.levi@example.co.il")]
    [InlineData("\u00A0dana@example.com\u00A0", "dana@example.com")]
    public void AddressIsTrimmedAndLowerCased(string text, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(text, out var normalized, out var error), error);

        Assert.Equal(expected, normalized);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("Dana+Newsletter@Example.com", "dana+newsletter@example.com")]
    [InlineData("dana+a+b@example.com", "dana+a+b@example.com")]
    public void PlusAddressingIsKept(string text, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(text, out var normalized, out var error), error);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("a/b@example.com")]
    [InlineData("what?@example.com")]
    [InlineData("#hash@example.com")]
    [InlineData("100%@example.com")]
    [InlineData("o'brien@example.com")]
    [InlineData("!#$%&'*+-/=?^_`{|}~@example.com")]
    [InlineData("first.last@example.com")]
    [InlineData("x@example.com")]
    public void AtomSymbolsAreValidInTheLocalPart(string text)
    {
        Assert.True(EmailAddress.TryNormalize(text, out var normalized, out var error), error);

        Assert.Equal(text, normalized);
    }

    [Theory]
    [InlineData("dana@bücher.de", "dana@bücher.de")]
    [InlineData("Dana@BÜCHER.de", "dana@bücher.de")]
    [InlineData("dana@דוגמה.קום", "dana@דוגמה.קום")]
    [InlineData("dana@xn--bcher-kva.de", "dana@xn--bcher-kva.de")]
    [InlineData("דנה@example.co.il", "דנה@example.co.il")]
    public void InternationalDomainsAndLocalPartsAreAccepted(string text, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(text, out var normalized, out var error), error);

        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void TheLastAtSignSplitsTheAddress()
    {
        // "@" is not an atom symbol, so an address with two of them is refused rather than split at the first.
        Assert.False(EmailAddress.TryNormalize("a@b@example.com", out _, out _));
    }
}
