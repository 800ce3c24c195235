using Sentier.Core.Common;

namespace Sentier.Core.Tests.Common;

public sealed class ResourceIdShape
{
    [Fact]
    public void NewIdsAreWellFormedLowerCaseHexAndDistinct()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => ResourceIds.New()).ToList();

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.All(ids, id => Assert.True(ResourceIds.IsWellFormed(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("../../0123456789abcdef0123456789")]
    public void ForeignIdsAreNotWellFormed(string? id)
    {
        Assert.False(ResourceIds.IsWellFormed(id));
    }
}
