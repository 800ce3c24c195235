using Sentier.Core.Contacts;
using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Contacts;

/// <summary>Every valid address needs exactly one legal RowKey, although Table Storage refuses some characters addresses may hold.</summary>
public sealed class ContactEmailKeys
{
    [Theory]
    [InlineData("a/b@example.com", "e-a%2Fb@example.com")]
    [InlineData("what?@example.com", "e-what%3F@example.com")]
    [InlineData("#1@example.com", "e-%231@example.com")]
    [InlineData("100%@example.com", "e-100%25@example.com")]
    [InlineData("a\\b@example.com", "e-a%5Cb@example.com")]
    [InlineData("dana@example.com", "e-dana@example.com")]
    [InlineData("o'brien@example.com", "e-o'brien@example.com")]
    public void ForbiddenCharactersAndThePercentSignAreEncoded(string email, string expected)
    {
        var key = ContactKeys.Email(email);

        Assert.Equal(expected, key);
        Assert.True(TableKeys.IsValid(key));
    }

    [Theory]
    [InlineData("a/b@example.com")]
    [InlineData("?#%/@example.com")]
    [InlineData("!#$%&'*+-/=?^_`{|}~@example.com")]
    [InlineData("דנה@דוגמה.קום")]
    [InlineData("dana+tag@bücher.de")]
    public void EveryValidAddressHasAValidKey(string text)
    {
        Assert.True(EmailAddress.TryNormalize(text, out var email, out var error), error);

        Assert.True(TableKeys.IsValid(ContactKeys.Email(email)));
    }

    [Fact]
    public void LongestAddressFullOfEncodedCharactersStillFitsAKey()
    {
        var email = new string('/', 64) + "@" + new string('d', 63) + "." + new string('d', 63) + "." + new string('d', 57) + ".com";
        Assert.True(EmailAddress.TryNormalize(email, out var normalized, out var error), error);
        Assert.Equal(EmailAddress.MaxLength, normalized.Length);

        var key = ContactKeys.Email(normalized);

        Assert.True(TableKeys.IsValid(key), $"a key of {key.Length} characters is not valid");
    }

    [Fact]
    public void DifferentAddressesNeverShareAKey()
    {
        // Pairs an encoding without escaping "%" itself would merge.
        string[] emails =
        [
            "a/b@example.com",
            "a%2fb@example.com",
            "a%2Fb@example.com",
            "a%252Fb@example.com",
            "a%@example.com",
            "a%25@example.com",
            "a?b@example.com",
            "a%3fb@example.com",
            "a%3Fb@example.com",
            "a#b@example.com",
            "a%23b@example.com",
            "a\\b@example.com",
            "a%5cb@example.com",
            "a%5Cb@example.com",
            "%@example.com",
            "%%@example.com",
            "%25@example.com",
            "ab@example.com",
        ];

        var keys = emails.Select(ContactKeys.Email).ToList();

        Assert.Equal(emails.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void SmsKeyIsTheE164Number()
    {
        var key = ContactKeys.Sms("+972541234567");

        Assert.Equal("s-+972541234567", key);
        Assert.True(TableKeys.IsValid(key));
    }
}
