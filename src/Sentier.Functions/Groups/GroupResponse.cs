using Sentier.Core.Groups;

namespace Sentier.Functions.Groups;

/// <summary>ActiveTrail's group object; <c>last_generated</c> belongs to dynamic groups, which this service does not have.</summary>
public sealed record GroupResponse(long Id, string Name, long Counter, long ActiveCounter, DateTimeOffset Created, DateTimeOffset? LastGenerated)
{
    public static GroupResponse From(Group group) =>
        new(group.Id, group.Name, group.Counter, group.ActiveCounter, group.Created, null);
}
