using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class PhoneNumberRejection
{
    private readonly PhoneNumberNormalizer _phones = new("IL");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("+")]
    [InlineData("---")]
    [InlineData("()")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("12")]
    [InlineData("123")]
    [InlineData("dana@example.com")]
    public void GarbageAndTooShortAreRefused(string? text)
    {
        Assert.False(_phones.TryNormalize(text, out var e164));

        Assert.Equal("", e164);
    }

    [Fact]
    public void TextOf32CharactersIsReadAndOf33IsRefused()
    {
        // Spaces inside a number are harmless, so they pad it to the limit without changing what it says.
        var longest = "+972" + new string(' ', 19) + "541234567";
        Assert.Equal(PhoneNumberNormalizer.MaxLength, longest.Length);
        Assert.True(_phones.TryNormalize(longest, out var e164));
        Assert.Equal("+972541234567", e164);

        Assert.False(_phones.TryNormalize(longest.Insert(4, " "), out e164));
        Assert.Equal("", e164);
    }

    [Theory]
    [InlineData("12345678901234567890")]
    [InlineData("+9725412345678901234")]
    [InlineData("0541234567890123")]
    public void TooManyDigitsAreRefused(string text)
    {
        Assert.False(_phones.TryNormalize(text, out _));
    }

    [Theory]
    [InlineData("054-CALL-NOW")]
    [InlineData("054-123-ABCD")]
    [InlineData("0541234567a")]
    [InlineData("a0541234567")]
    [InlineData("054x1234567")]
    [InlineData("phone: 054-1234567")]
    [InlineData("054-1234567 ext. 12")]
    public void LettersAreRefused(string text)
    {
        // A mobile number for SMS has no letters; keypad letters or a stray one would silently store another number.
        Assert.False(_phones.TryNormalize(text, out var e164), $"'{text}' was read as {e164}");
    }
}
