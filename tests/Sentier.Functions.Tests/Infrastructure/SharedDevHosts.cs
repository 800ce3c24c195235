namespace Sentier.Functions.Tests.Infrastructure;

/// <summary>
/// One DevHost shared by every contacts test class. Each test makes its own accounts, so the
/// classes need no host of their own; sharing saves a host start per class, and the two
/// collections (contacts, groups) still run side by side.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ContactsHost : ICollectionFixture<DevHostFixture>
{
    public const string Name = "Contacts over HTTP";
}

/// <summary>One DevHost shared by every groups and members test class (see <see cref="ContactsHost"/>).</summary>
[CollectionDefinition(Name)]
public sealed class GroupsHost : ICollectionFixture<DevHostFixture>
{
    public const string Name = "Groups over HTTP";
}

/// <summary>One DevHost, the one that delivers webhooks, shared by every webhook test class (see <see cref="ContactsHost"/>).</summary>
[CollectionDefinition(Name)]
public sealed class WebhooksHost : ICollectionFixture<DeliveringDevHostFixture>
{
    public const string Name = "Webhooks over HTTP";
}
