using Azure;

namespace Sentier.Core.Groups;

/// <summary>
/// A static group of contacts. <see cref="Counter"/> counts members and <see cref="ActiveCounter"/>
/// the members email may be sent to (subscribed, not do-not-mail).
/// </summary>
public sealed record Group(long Id, string Name, DateTimeOffset Created, long Counter, long ActiveCounter)
{
    public const int MaxNameLength = 100;

    public ETag ETag { get; init; }
}
