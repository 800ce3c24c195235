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
