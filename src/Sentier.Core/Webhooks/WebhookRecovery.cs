namespace Sentier.Core.Webhooks;

/// <summary>
/// What one <c>recover</c> call did: how many failed deliveries it sent again and, when it stopped
/// at <see cref="MaxPerCall"/> with more left, the continuation and the call that resumes after the
/// last delivery it took.
/// </summary>
public sealed record WebhookRecovery(int Recovered, string? Continuation, string? Next)
{
    /// <summary>
    /// Deliveries one call takes at most: each is a queue message and a row write, so a call stays
    /// within seconds (and far inside an HTTP request's time limit) however long the outage was.
    /// </summary>
    public const int MaxPerCall = 1000;

    public bool More => Continuation is not null;
}
