namespace Tollway.Gateway.Access.Keys;

/// <summary>Whether a request carried a usable key.</summary>
public enum ApiKeyAuthenticationStatus
{
    /// <summary>No key header.</summary>
    Missing,

    /// <summary>Unknown, malformed or revoked.</summary>
    Invalid,

    /// <summary>A known key past its expiry.</summary>
    Expired,

    /// <summary>A live key.</summary>
    Success,
}
