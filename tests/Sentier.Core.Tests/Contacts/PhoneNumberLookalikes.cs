using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

public sealed class PhoneNumberLookalikes
{
    [Theory]
    [InlineData("054-1234567")]
    [InlineData("+972 54 123 4567")]
    [InlineData("(054) 123.4567")]
    [InlineData("123456")]
    public void DigitsWithPhonePunctuationLookLikeANumber(string text)
    {
        Assert.True(PhoneNumberNormalizer.LooksLikePhoneNumber(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("+972")]
    [InlineData("Dana")]
    [InlineData("Dana 0541234567")]
    [InlineData("dana@example.com")]
    [InlineData("0541234567@example.com")]
    [InlineData("054/1234567")]
    [InlineData("054_1234567")]
    [InlineData("٠٥٤١٢٣٤٥٦٧")]
    public void NamesEmailsAndFewDigitsDoNot(string text)
    {
        Assert.False(PhoneNumberNormalizer.LooksLikePhoneNumber(text));
    }
}
