namespace Tollway.Chain.SignIn;

/// <summary>Wallet sign-in (Sign-In with Ethereum) and the account API sessions it opens, under <c>SignIn</c>.</summary>
public sealed class SignInOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "SignIn";

    /// <summary>The domain sign-in messages must name (<c>tollway.example.com</c>, with a port if not the default).
    /// Required when a chain is configured; never taken from the request, whose Host a phishing site chooses.</summary>
    public string? Domain { get; set; }

    /// <summary>The origin the message's URI must be under (<c>https://tollway.example.com</c>). Required when a chain is
    /// configured; never taken from the request.</summary>
    public string? Uri { get; set; }

    /// <summary>How long an issued nonce may be used (once).</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a session token lasts.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far the signer's clock may be off when issued-at, not-before and expiration are checked.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The key (at least 32 bytes, base64) that signs session tokens. Give the same one to every node (through the
    /// environment: <c>TOLLWAY_SignIn__SessionSecret</c>) so a session opened on one is valid on all; when empty, each
    /// process makes its own, and sessions end with it.</summary>
    public string? SessionSecret { get; set; }
}
