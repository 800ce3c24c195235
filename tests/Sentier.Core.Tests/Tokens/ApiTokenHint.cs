using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class ApiTokenHint
{
    [Fact]
    public void HintIsTheFirstSixCharacters()
    {
        var token = ApiToken.Generate();

        var hint = ApiToken.Hint(token);

        Assert.Equal(6, hint.Length);
        Assert.Equal(token[..6], hint);
        Assert.StartsWith("0X", hint);
    }

    [Fact]
    public void HintRevealsOnlyFourHexDigits()
    {
        Assert.Equal("0X1234", ApiToken.Hint("0X1234" + new string('F', 92)));
    }
}
