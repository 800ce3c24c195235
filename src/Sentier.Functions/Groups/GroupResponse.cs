using System.ComponentModel;
using Sentier.Core.Groups;

namespace Sentier.Functions.Groups;

/// <summary>ActiveTrail's group object; <c>last_generated</c> belongs to dynamic groups, which this service does not have.</summary>
[Description("A group in ActiveTrail's shape. Its counters are exact after any sequence of adds, removes, status changes and deletes.")]
public sealed record GroupResponse(
    [property: Description("The group's id, never reused in the account.")] long Id,
    [property: Description("The group's name: 1–100 characters, unique in the account (case-insensitively).")] string Name,
    [property: Description("How many contacts are members.")] long Counter,
    [property: Description("How many members may be mailed: subscribed and not do-not-mail.")] long ActiveCounter,
    [property: Description("When the group was created.")] DateTimeOffset Created,
    [property: Description("Always null: ActiveTrail fills it for dynamic groups only, which this service does not have.")] DateTimeOffset? LastGenerated)
{
    public static GroupResponse From(Group group) =>
        new(group.Id, group.Name, group.Counter, group.ActiveCounter, group.Created, null);
}
