using Sentier.Core.Security;

namespace Sentier.Core.Facebook;

/// <summary>Page tokens at rest: encrypted with <see cref="SecretProtector"/>, bound to the account and Page they were given for.</summary>
public sealed class PageTokens(SecretProtector protector)
{
    public const string Purpose = "facebook-page-token";

    public string Protect(string accountId, string pageId, string token) => protector.Protect(token, Purpose, accountId, pageId);

    public string Reveal(FacebookConnection connection) => protector.Unprotect(connection.ProtectedToken, Purpose, connection.AccountId, connection.PageId);
}
