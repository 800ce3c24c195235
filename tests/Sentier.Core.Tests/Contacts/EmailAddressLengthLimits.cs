using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class EmailAddressLengthLimits
{
    /// <summary>An address of exactly <paramref name="length"/> characters with a 64-character local part and DNS-sized labels.</summary>
    private static string AddressOfLength(int length)
    {
        var local = new string('l', 64);
        var domainLength = length - local.Length - 1;
        var last = domainLength - (63 + 1 + 63 + 1) - ".com".Length;
        return $"{local}@{new string('a', 63)}.{new string('b', 63)}.{new string('c', last)}.com";
    }

    [Fact]
    public void AddressOf254CharactersIsAccepted()
    {
        var text = AddressOfLength(254);
        Assert.Equal(254, text.Length);

        Assert.True(EmailAddress.TryNormalize(text, out var normalized, out var error), error);

        Assert.Equal(text, normalized);
    }

    [Fact]
    public void AddressOf255CharactersIsRefused()
    {
        var text = AddressOfLength(255);
        Assert.Equal(255, text.Length);

        Assert.False(EmailAddress.TryNormalize(text, out var normalized, out var error));

        Assert.Equal("", normalized);
        Assert.Equal("is longer than 254 characters", error);
    }

    [Fact]
    public void SurroundingSpacesDoNotCountTowardsTheLimit()
    {
        var text = "  " + AddressOfLength(254) + "  ";

        Assert.True(EmailAddress.TryNormalize(text, out var normalized, out var error), error);

        Assert.Equal(254, normalized.Length);
    }

    [Fact]
    public void LocalPartOf64CharactersIsAccepted()
    {
        Assert.True(EmailAddress.TryNormalize(new string('x', 64) + "@example.com", out _, out var error), error);
    }

    [Fact]
    public void LocalPartOf65CharactersIsRefused()
    {
        Assert.False(EmailAddress.TryNormalize(new string('x', 65) + "@example.com", out _, out var error));

        Assert.Contains("before @", error);
    }

    [Fact]
    public void DomainLabelOver63CharactersIsRefused()
    {
        Assert.True(EmailAddress.TryNormalize($"dana@{new string('d', 63)}.com", out _, out _));
        Assert.False(EmailAddress.TryNormalize($"dana@{new string('d', 64)}.com", out _, out var error));

        Assert.Contains("domain", error);
    }
}
