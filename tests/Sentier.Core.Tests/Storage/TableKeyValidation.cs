using Sentier.Core.Storage;

namespace Sentier.Core.Tests.Storage;

public sealed class TableKeyValidation
{
    [Theory]
    [InlineData("a")]
    [InlineData("row-000")]
    [InlineData("O'Brien")]
    [InlineData("שלום")]
    [InlineData("key with spaces")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public void OrdinaryKeysAreValid(string key)
    {
        Assert.True(TableKeys.IsValid(key));
    }

    [Fact]
    public void KeyOfMaxLengthIsValid()
    {
        Assert.True(TableKeys.IsValid(new string('k', TableKeys.MaxLength)));
    }

    [Fact]
    public void KeyOverMaxLengthIsInvalid()
    {
        Assert.False(TableKeys.IsValid(new string('k', TableKeys.MaxLength + 1)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("/")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("\0")]
    [InlineData("a\u001Fb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u009Fb")]
    public void ForbiddenCharactersAndEmptyAreInvalid(string? key)
    {
        Assert.False(TableKeys.IsValid(key));
    }
}
