using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// Addresses copied out of right-to-left text often carry invisible direction marks or a byte-order
/// mark. Stored as they are, they would make a second contact that looks exactly like the first, so
/// such an address must be refused or read as the plain address, never kept as a different one.
/// </summary>
public sealed class EmailAddressInvisibleCharacters
{
    [Theory]
    [InlineData("\u200Fdana@example.com")]
    [InlineData("dana@example.com\u200E")]
    [InlineData("\uFEFFdana@example.com")]
    [InlineData("da\u200Bna@example.com")]
    [InlineData("dana\u202E@example.com")]
    [InlineData("dana\u00AD@example.com")]
    [InlineData("dana@exa\u200Bmple.com")]
    [InlineData("dana@example.com\u200F")]
    public void InvisibleCharactersNeverMakeADifferentAddress(string text)
    {
        if (EmailAddress.TryNormalize(text, out var normalized, out _))
        {
            Assert.Equal("dana@example.com", normalized);
        }
    }
}
