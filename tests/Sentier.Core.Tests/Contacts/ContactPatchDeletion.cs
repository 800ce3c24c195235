using Sentier.Core.Common;
using static Sentier.Core.Tests.Contacts.ContactSamples;

namespace Sentier.Core.Tests.Contacts;

public sealed class ContactPatchDeletion
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("\"True\"", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("null", false)]
    public void IsDeletedAsksForDeletion(string json, bool expected)
    {
        Assert.Equal(expected, Patch($"{{\"email\": \"dana@example.com\", \"is_deleted\": {json}}}").IsDeleted);
    }

    [Fact]
    public void NoIsDeletedIsNoDeletion()
    {
        Assert.False(Patch("{\"email\": \"dana@example.com\"}").IsDeleted);
    }

    [Fact]
    public void BadIsDeletedIsRefused()
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Patch("{\"is_deleted\": \"maybe\"}"));

        Assert.Equal("'is_deleted' must be true or false.", ex.Message);
    }
}
