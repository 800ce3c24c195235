using System.Security.Cryptography;
using System.Text;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class ApiTokenHashing
{
    [Fact]
    public void HashIsDeterministic()
    {
        var token = ApiToken.Generate();

        Assert.Equal(ApiToken.Hash(token), ApiToken.Hash(token));
        Assert.Equal(ApiToken.Hash(token), ApiToken.Hash(new string(token.AsSpan())));
    }

    [Fact]
    public void HashIsSixtyFourLowerCaseHex()
    {
        Assert.Matches("^[0-9a-f]{64}$", ApiToken.Hash(ApiToken.Generate()));
    }

    [Fact]
    public void HashIsSha256OfTheUpperCaseToken()
    {
        var token = ApiToken.Generate();
        var expected = Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token))).ToLowerInvariant();

        Assert.Equal(expected, ApiToken.Hash(token));
    }

    [Fact]
    public void CaseOfTheTokenDoesNotChangeTheHash()
    {
        var token = ApiToken.Generate();
        var mixed = string.Concat(token.Select((c, i) => i % 2 == 0 ? char.ToLowerInvariant(c) : c));

        Assert.Equal(ApiToken.Hash(token), ApiToken.Hash(token.ToLowerInvariant()));
        Assert.Equal(ApiToken.Hash(token), ApiToken.Hash(mixed));
    }

    [Fact]
    public void DifferentTokensHashDifferently()
    {
        var hashes = Enumerable.Range(0, 200).Select(_ => ApiToken.Hash(ApiToken.Generate())).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(200, hashes.Count);
    }

    [Fact]
    public void HashDoesNotContainTheToken()
    {
        var token = ApiToken.Generate();

        Assert.DoesNotContain(token[2..18], ApiToken.Hash(token), StringComparison.OrdinalIgnoreCase);
    }
}
