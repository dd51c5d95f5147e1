namespace Tollway.Gateway.Access.Accounts;

/// <summary>Who pays: an operator-made account, or (later) one owned by a wallet.</summary>
public sealed record Account(string Id, string Name, DateTimeOffset CreatedAt)
{
    /// <summary>The prefix of every account id.</summary>
    public const string IdPrefix = "acct_";
}
