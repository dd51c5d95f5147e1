namespace Tollway.Gateway.Keys;

/// <summary>What a key may do.</summary>
public enum ApiKeyRole
{
    /// <summary>Calls models for its account.</summary>
    User = 0,

    /// <summary>Also operates the gateway through the admin API.</summary>
    Admin = 1,
}
