using System.Text;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class AuthorizationHeaderParsing
{
    private static readonly string Token = ApiToken.Generate();

    [Fact]
    public void RawTokenIsTheToken()
    {
        Assert.Equal(Token, AuthorizationHeader.ExtractToken(Token));
    }

    [Theory]
    [InlineData("Basic ")]
    [InlineData("Bearer ")]
    public void SchemeIsStripped(string scheme)
    {
        Assert.Equal(Token, AuthorizationHeader.ExtractToken(scheme + Token));
    }

    [Theory]
    [InlineData("basic ")]
    [InlineData("BASIC ")]
    [InlineData("BaSiC ")]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("bEaReR ")]
    public void SchemeIsCaseInsensitive(string scheme)
    {
        Assert.Equal(Token, AuthorizationHeader.ExtractToken(scheme + Token));
    }

    [Theory]
    [InlineData("  {0}  ")]
    [InlineData("\t{0}\r\n")]
    [InlineData("  Bearer    {0}  ")]
    [InlineData(" Basic \t{0} ")]
    public void SurroundingWhitespaceIsIgnored(string format)
    {
        Assert.Equal(Token, AuthorizationHeader.ExtractToken(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Token)));
    }

    [Theory]
    [InlineData("Bearer\t")]
    [InlineData("Basic\t")]
    [InlineData("Bearer \t ")]
    [InlineData("bearer\t\t")]
    public void TabSeparatesSchemeFromToken(string scheme)
    {
        Assert.Equal(Token, AuthorizationHeader.ExtractToken(scheme + Token));
    }

    [Fact]
    public void PaddedSchemeAndTokenGiveTheToken()
    {
        Assert.Equal(Token, AuthorizationHeader.ExtractToken("  Basic    " + Token + "  "));
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("bearer")]
    [InlineData("BASIC")]
    [InlineData("  Bearer  ")]
    [InlineData("Bearer\t")]
    [InlineData("\tbasic \t ")]
    public void SchemeAloneGivesNull(string header)
    {
        Assert.Null(AuthorizationHeader.ExtractToken(header));
    }

    [Theory]
    [InlineData("Bearer{0}")]
    [InlineData("Basic{0}")]
    public void SchemeGluedToTheValueIsNotAScheme(string format)
    {
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Token);

        Assert.Equal(header, AuthorizationHeader.ExtractToken(header));
    }

    [Fact]
    public void BasicValueIsNotBase64Decoded()
    {
        var encoded = Convert.ToBase64String(Encoding.ASCII.GetBytes(Token + ":"));

        Assert.Equal(encoded, AuthorizationHeader.ExtractToken("Basic " + encoded));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void MissingHeaderGivesNull(string? header)
    {
        Assert.Null(AuthorizationHeader.ExtractToken(header));
    }
}
