using Microsoft.Extensions.Options;

namespace Sentier.Core.Webhooks;

/// <summary>
/// The <c>Webhooks:Dispatch</c> section (<c>Webhooks__Dispatch__*</c> app settings): how the sweep
/// finds change records whose nudge was lost, and what it costs. docs/architecture.md explains the
/// dispatch flow these tune.
/// </summary>
public sealed class ChangeDispatchOptions
{
    public const string SectionName = "Webhooks:Dispatch";

    /// <summary>
    /// The sweep takes only records made at least this long ago; younger ones are the prompt
    /// path's, which would otherwise race the sweep and send them twice. The sweep runs every
    /// 30 s, so a record whose nudge was lost is dispatched within this + 30 s + one pass.
    /// </summary>
    public int SweepAgeSeconds { get; set; } = 10;

    /// <summary>
    /// How long one instance trusts its own mark of an account as pending: an account written
    /// continuously costs one marker write per instance per this interval.
    /// </summary>
    public int MarkerRefreshSeconds { get; set; } = 60;

    /// <summary>How long a dispatched record's tombstone answers a writer whose answer was lost.</summary>
    public int TombstoneMinutes { get; set; } = 10;

    /// <summary>Accounts the sweep dispatches at once.</summary>
    public int SweepParallelism { get; set; } = 8;

    public TimeSpan SweepAge => TimeSpan.FromSeconds(SweepAgeSeconds);

    public TimeSpan MarkerRefresh => TimeSpan.FromSeconds(MarkerRefreshSeconds);

    public TimeSpan TombstoneAge => TimeSpan.FromMinutes(TombstoneMinutes);

    /// <summary>Every problem with the settings, for the options validation that stops the app at startup.</summary>
    public IEnumerable<string> Problems()
    {
        if (SweepAgeSeconds is < 0 or > 300)
        {
            yield return "Webhooks:Dispatch:SweepAgeSeconds must be 0 to 300.";
        }

        if (MarkerRefreshSeconds is < 1 or > 3600)
        {
            yield return "Webhooks:Dispatch:MarkerRefreshSeconds must be 1 to 3600.";
        }

        if (TombstoneMinutes is < 1 or > 1440)
        {
            yield return "Webhooks:Dispatch:TombstoneMinutes must be 1 to 1440.";
        }

        if (SweepParallelism is < 1 or > 64)
        {
            yield return "Webhooks:Dispatch:SweepParallelism must be 1 to 64.";
        }
    }
}

/// <summary>Stops the app at startup with every problem in the <c>Webhooks:Dispatch</c> section named.</summary>
internal sealed class ChangeDispatchOptionsValidation : IValidateOptions<ChangeDispatchOptions>
{
    public ValidateOptionsResult Validate(string? name, ChangeDispatchOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
