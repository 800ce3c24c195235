using Azure;

namespace Sentier.Core.Facebook;

public enum ConnectionStatus
{
    Active,

    /// <summary>Graph refused the Page token (expired, revoked): its forms are not polled until the Page is connected again.</summary>
    NeedsReauthorization,
}

/// <summary>
/// A Facebook Page connected to an account. The id is the Page id, so connecting a Page again
/// replaces its token. The token is kept only encrypted (<see cref="ProtectedToken"/>).
/// </summary>
public sealed record FacebookConnection(
    string AccountId,
    string PageId,
    string PageName,
    string ProtectedToken,
    ConnectionStatus Status,
    string? StatusReason,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    DateTimeOffset? ThrottledUntil)
{
    public ETag ETag { get; init; }

    public static string StatusName(ConnectionStatus status) => status == ConnectionStatus.Active ? "active" : "needs_reauthorization";
}
