using Polly.Timeout;
using Sentier.Core.Common;

namespace Sentier.Core.Facebook;

/// <summary>Graph failures during an API request, as the answers the caller gets.</summary>
public static class GraphCalls
{
    /// <summary>Whether Graph could not be reached at all, after the resilience handler's retries.</summary>
    public static bool IsUnreachable(Exception ex) =>
        ex is HttpRequestException or TimeoutException or TimeoutRejectedException;

    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (GraphException ex) when (ex.Kind == GraphFailureKind.Throttled)
        {
            throw new ConflictException($"Facebook is throttling this app or Page until {ApiDates.Format(ex.RetryAt!.Value)}Z; try again then. {ex.Message}");
        }
        catch (GraphException ex) when (ex.Kind == GraphFailureKind.Unavailable)
        {
            throw new UpstreamFailedException(ex.Message);
        }
        catch (GraphException ex)
        {
            throw new InvalidRequestException($"Facebook refused the request: {ex.Message}");
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            throw new UpstreamFailedException("Facebook could not be reached; try again shortly.");
        }
    }
}
