namespace Sentier.Core.Common;

/// <summary>
/// A failure caused by the request rather than by the service. The HTTP layer maps each subtype to
/// its status code and shows <see cref="Exception.Message"/> to the caller, so messages must be
/// safe to return: they name the offending field or id and never echo secrets.
/// </summary>
public abstract class SentierException(string message) : Exception(message);

/// <summary>The request is malformed or breaks a validation rule (400).</summary>
public sealed class InvalidRequestException(string message) : SentierException(message);

/// <summary>No credentials, or credentials that do not identify a live API app (401).</summary>
public sealed class AuthenticationFailedException(string message) : SentierException(message);

/// <summary>Valid credentials that may not be used for this request (403).</summary>
public sealed class AccessDeniedException(string message) : SentierException(message);

/// <summary>The addressed resource does not exist for the calling account (404).</summary>
public sealed class ResourceNotFoundException(string message) : SentierException(message);

/// <summary>
/// The resource exists but refuses this change in its current state (405), as ActiveTrail answers a
/// status change on a contact marked do-not-mail.
/// </summary>
public sealed class MethodNotAllowedException(string message) : SentierException(message);

/// <summary>The request conflicts with the current state of a resource (409).</summary>
/// <param name="lasting">
/// The conflict is in the data (an email and a number of two contacts, a contact in its most
/// groups) and fails every repeat until a person changes it; false for a race that a retry may win.
/// </param>
public sealed class ConflictException(string message, bool lasting = false) : SentierException(message)
{
    public bool IsLasting => lasting;
}

/// <summary>The request body is larger than <c>Sentier:MaxRequestBodyBytes</c>, or the change it asks for is too large to store (413).</summary>
public sealed class RequestTooLargeException(string message) : SentierException(message);

/// <summary>The request body is in a format the endpoint does not read (415).</summary>
public sealed class UnsupportedMediaTypeException(string message) : SentierException(message);

/// <summary>A service this request depends on (the Facebook Graph API) failed or could not be reached after retries (502).</summary>
public sealed class UpstreamFailedException(string message) : SentierException(message);
