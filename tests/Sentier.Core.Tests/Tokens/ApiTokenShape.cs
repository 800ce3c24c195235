using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class ApiTokenShape
{
    private static readonly string Valid = "0X" + new string('A', 48) + new string('9', 48);

    [Fact]
    public void GeneratedTokenIsPrefixAndNinetySixUpperCaseHex()
    {
        var token = ApiToken.Generate();

        Assert.Matches("^0X[0-9A-F]{96}$", token);
        Assert.Equal(98, token.Length);
        Assert.Equal(ApiToken.Length, token.Length);
    }

    [Fact]
    public void GeneratedTokensHaveValidShape()
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.True(ApiToken.HasValidShape(ApiToken.Generate()));
        }
    }

    [Fact]
    public void LowerCasedTokenStillHasValidShape()
    {
        var token = ApiToken.Generate();

        Assert.True(ApiToken.HasValidShape(token.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("0Y")]
    [InlineData("1X")]
    [InlineData("X0")]
    [InlineData("00")]
    [InlineData("OX")] // letter O
    [InlineData("AX")]
    public void WrongPrefixIsRejected(string prefix)
    {
        Assert.False(ApiToken.HasValidShape(prefix + Valid[2..]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(-96)]
    [InlineData(-97)]
    public void WrongLengthIsRejected(int delta)
    {
        var candidate = delta < 0 ? Valid[..(Valid.Length + delta)] : Valid + new string('A', delta);

        Assert.False(ApiToken.HasValidShape(candidate));
    }

    [Theory]
    [InlineData('G')]
    [InlineData('g')]
    [InlineData(' ')]
    [InlineData('-')]
    [InlineData('\u0663')] // Arabic-Indic digit three
    [InlineData('\uFF21')] // full-width A
    public void NonHexCharacterIsRejected(char bad)
    {
        var atEnd = Valid[..^1] + bad;
        var inMiddle = Valid[..50] + bad + Valid[51..];

        Assert.False(ApiToken.HasValidShape(atEnd));
        Assert.False(ApiToken.HasValidShape(inMiddle));
    }

    [Fact]
    public void KnownGoodShapeIsAccepted()
    {
        Assert.True(ApiToken.HasValidShape(Valid));
    }
}
