using System.Buffers.Text;
using System.Text;
using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class ContinuationTokenTamperRejection
{
    private const string Uniform = "'Continuation' is not a token this API issued.";

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("a")]
    [InlineData("not a token")]
    [InlineData("%%%%")]
    [InlineData("====")]
    public void GarbageIsRejectedWithOneUniformMessage(string token)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => ContinuationToken.Decode(token));

        Assert.Equal(Uniform, ex.Message);
    }

    [Theory]
    [InlineData("row-042")] // no version prefix
    [InlineData("v2:row-042")] // unknown version
    [InlineData("V1:row-042")] // prefix is case-sensitive
    [InlineData("v1:")] // empty key
    [InlineData("v1:a/b")]
    [InlineData("v1:a\\b")]
    [InlineData("v1:a#b")]
    [InlineData("v1:a?b")]
    [InlineData("v1:a\u0001b")]
    public void WellFormedBase64WithForbiddenContentIsRejected(string payload)
    {
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));

        var ex = Assert.Throws<InvalidRequestException>(() => ContinuationToken.Decode(token));

        Assert.Equal(Uniform, ex.Message);
    }

    [Fact]
    public void KeyLongerThanATableKeyIsRejected()
    {
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("v1:" + new string('x', 513)));

        Assert.Throws<InvalidRequestException>(() => ContinuationToken.Decode(token));
    }

    [Fact]
    public void AlteredFirstCharacterIsRejected()
    {
        var token = ContinuationToken.Encode("row-042");
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        Assert.Throws<InvalidRequestException>(() => ContinuationToken.Decode(tampered));
    }
}
