using Sentier.Core.Contacts;

namespace Sentier.Core.Tests.Contacts;

/// <summary>
/// "ü" can be typed as one character or as "u" plus a combining diaeresis; both render alike and
/// name the same mailbox, so they must normalise to one address (or the decomposed one be refused).
/// </summary>
public sealed class EmailAddressComposedCharacters
{
    [Theory]
    [InlineData("dana@bu\u0308cher.de", "dana@b\u00FCcher.de")]
    [InlineData("ju\u0308rgen@example.com", "j\u00FCrgen@example.com")]
    public void DecomposedAndComposedFormsAreOneAddress(string decomposed, string composed)
    {
        Assert.True(EmailAddress.TryNormalize(composed, out var expected, out var error), error);

        if (EmailAddress.TryNormalize(decomposed, out var normalized, out _))
        {
            Assert.Equal(expected, normalized);
        }
    }
}
