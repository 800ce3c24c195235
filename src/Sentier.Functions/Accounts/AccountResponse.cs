using Sentier.Core.Accounts;
using Sentier.Core.Tokens;
using Sentier.Functions.Tokens;

namespace Sentier.Functions.Accounts;

public sealed record AccountResponse(string Id, string Name, DateTimeOffset Created)
{
    public static AccountResponse From(Account account) => new(account.Id, account.Name, account.Created);
}

/// <summary>A new account with its first API app; <c>token</c> is shown here only.</summary>
public sealed record CreatedAccountResponse(string Id, string Name, DateTimeOffset Created, IssuedApiAppResponse App, string Token)
{
    public static CreatedAccountResponse From(Account account, ApiApp app, string token) =>
        new(account.Id, account.Name, account.Created, IssuedApiAppResponse.From(app, token), token);
}

/// <summary>What a "test connection" sees: whose data the token opens, and through which app.</summary>
public sealed record CallerResponse(AccountResponse Account, ApiAppResponse App)
{
    public static CallerResponse From(Caller caller) =>
        new(AccountResponse.From(caller.Account), ApiAppResponse.From(caller.App));
}

/// <summary>ActiveTrail's <c>GET account/balance</c> shape: one balance for email, one for SMS.</summary>
public sealed record BalanceResponse(ChannelBalance Email, ChannelBalance Sms)
{
    public static ChannelBalance Unmetered { get; } = new(0, 0, "None");
}

public sealed record ChannelBalance(long Credits, double Percent, string AlertType);
