using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class ApiTokenRandomness
{
    private const string HexDigits = "0123456789ABCDEF";

    [Fact]
    public void ThousandTokensAreAllDistinct()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => ApiToken.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(1000, tokens.Count);
    }

    [Fact]
    public void HexDigitsAreUniformlyDistributed()
    {
        const int tokenCount = 2000;
        var counts = new long[16];
        for (var i = 0; i < tokenCount; i++)
        {
            foreach (var c in ApiToken.Generate().AsSpan(ApiToken.Prefix.Length))
            {
                counts[HexDigits.IndexOf(c, StringComparison.Ordinal)]++;
            }
        }

        var total = tokenCount * (ApiToken.Length - ApiToken.Prefix.Length);
        var expected = total / 16.0;
        var chiSquare = counts.Sum(observed => (observed - expected) * (observed - expected) / expected);

        // 15 degrees of freedom: the mean is 15 and a value over 80 has odds below one in 10^10.
        Assert.True(chiSquare < 80, $"chi-square {chiSquare:F1} over digit counts [{string.Join(", ", counts)}]");
        Assert.All(counts, observed => Assert.InRange(observed, expected * 0.95, expected * 1.05));
    }

    [Fact]
    public void EveryPositionTakesEveryDigit()
    {
        const int tokenCount = 2000;
        var bodyLength = ApiToken.Length - ApiToken.Prefix.Length;
        var seen = new HashSet<char>[bodyLength];
        for (var p = 0; p < bodyLength; p++)
        {
            seen[p] = [];
        }

        for (var i = 0; i < tokenCount; i++)
        {
            var body = ApiToken.Generate()[ApiToken.Prefix.Length..];
            for (var p = 0; p < bodyLength; p++)
            {
                seen[p].Add(body[p]);
            }
        }

        // Missing a given digit at one position in 2,000 fair draws has odds of (15/16)^2000, about 10^-56.
        Assert.All(seen, digits => Assert.Equal(16, digits.Count));
    }
}
