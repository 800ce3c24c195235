using Sentier.Core.Common;
using Sentier.Core.Tokens;

namespace Sentier.Core.Tests.Tokens;

public sealed class ScopeNames
{
    [Fact]
    public void EveryScopeHasItsWireName()
    {
        Assert.Equal(
            ["contacts:read", "contacts:write", "webhooks:read", "webhooks:write", "facebook:read", "facebook:write", "apps:manage"],
            Scopes.Format(Scopes.All));
        Assert.Equal(["contacts:read", "contacts:write"], Scopes.Format(Scopes.Default));
        Assert.Empty(Scopes.Format(Scope.None));
    }

    [Fact]
    public void ParsingReadsEachNameOnceInAnyOrder()
    {
        Assert.Equal(Scope.AppsManage | Scope.ContactsRead, Scopes.Parse(["apps:manage", "contacts:read", "apps:manage"]));
        Assert.Equal(Scope.None, Scopes.Parse([]));
    }

    [Theory]
    [InlineData("contacts")]
    [InlineData("Contacts:Read")]
    [InlineData("contacts:read ")]
    [InlineData("admin")]
    public void AnUnknownOrMisspelledNameIsRefusedByName(string name)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => Scopes.Parse(["contacts:write", name]));

        Assert.Contains($"'{name}'", ex.Message);
        Assert.Contains("'scopes'", ex.Message);
    }

    [Fact]
    public void StoredNamesThisVersionDoesNotKnowGrantNothing()
    {
        Assert.Equal(Scope.ContactsRead, Scopes.ParseStored("contacts:read billing:everything"));
        Assert.Equal(Scope.None, Scopes.ParseStored(""));
        Assert.Equal(Scopes.All, Scopes.ParseStored(Scopes.FormatStored(Scopes.All)));
    }

    [Fact]
    public void ACheckNamesWhatIsMissing()
    {
        var ex = Assert.Throws<AccessDeniedException>(() => Scope.ContactsRead.Require(Scope.ContactsWrite));

        Assert.Contains("'contacts:write' scope", ex.Message);
        Scopes.All.Require(Scope.AppsManage);
        Scope.None.Require(Scope.None);
    }
}
