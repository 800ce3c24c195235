using System.Text;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class AuthorizationHeaderParsing
{
    private static readonly string Token = ApiToken.Generate();

    private static string? TokenIn(string? header) =>
        AuthorizationHeader.TryGetToken(header, out var token) ? token.ToString() : null;

    [Fact]
    public void RawTokenIsTheToken()
    {
        Assert.Equal(Token, TokenIn(Token));
    }

    [Theory]
    [InlineData("Basic ")]
    [InlineData("Bearer ")]
    public void SchemeIsStripped(string scheme)
    {
        Assert.Equal(Token, TokenIn(scheme + Token));
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
        Assert.Equal(Token, TokenIn(scheme + Token));
    }

    [Theory]
    [InlineData("  {0}  ")]
    [InlineData("\t{0}\r\n")]
    [InlineData("  Bearer    {0}  ")]
    [InlineData(" Basic \t{0} ")]
    public void SurroundingWhitespaceIsIgnored(string format)
    {
        Assert.Equal(Token, TokenIn(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Token)));
    }

    [Theory]
    [InlineData("Bearer\t")]
    [InlineData("Basic\t")]
    [InlineData("Bearer \t ")]
    [InlineData("bearer\t\t")]
    public void TabSeparatesSchemeFromToken(string scheme)
    {
        Assert.Equal(Token, TokenIn(scheme + Token));
    }

    [Fact]
    public void PaddedSchemeAndTokenGiveTheToken()
    {
        Assert.Equal(Token, TokenIn("  Basic    " + Token + "  "));
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
        Assert.Null(TokenIn(header));
    }

    [Theory]
    [InlineData("Bearer{0}")]
    [InlineData("Basic{0}")]
    public void SchemeGluedToTheValueIsNotAScheme(string format)
    {
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Token);

        Assert.Equal(header, TokenIn(header));
    }

    [Fact]
    public void BasicValueIsNotBase64Decoded()
    {
        var encoded = Convert.ToBase64String(Encoding.ASCII.GetBytes(Token + ":"));

        Assert.Equal(encoded, TokenIn("Basic " + encoded));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void MissingHeaderGivesNull(string? header)
    {
        Assert.Null(TokenIn(header));
    }
}
