namespace Tollway.Gateway.Access.Keys;

/// <summary>
/// What a key may do (its scope). The numbers are what the database stores, so they never change: every key stored
/// before scopes existed has 0 and is an inference key from then on.
/// </summary>
public enum ApiKeyRole
{
    /// <summary>Calls models for its account and reads the account's balance and usage; the default for every new key.</summary>
    Inference = 0,

    /// <summary>Operates the gateway through the admin API (and calls models).</summary>
    Admin = 1,

    /// <summary>An inference key that also manages its account's keys through the account API, never beyond its own
    /// restrictions.</summary>
    AccountManagement = 2,
}
