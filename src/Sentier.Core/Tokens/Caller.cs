using Sentier.Core.Accounts;

namespace Sentier.Core.Tokens;

/// <summary>Who is calling: the account whose data the request may touch, and the app it used.</summary>
public sealed record Caller(Account Account, ApiApp App)
{
    public string AccountId => Account.Id;
}
