namespace Tollway.Chain.SignIn;

/// <summary>
/// A Sign-In with Ethereum message (EIP-4361) as parsed from the exact text the wallet signed. Fields keep their text
/// form where the spec compares text (domain, URI, nonce); times are parsed RFC 3339.
/// </summary>
public sealed record SiweMessage(
    string? Scheme,
    string Domain,
    string Address,
    string? Statement,
    string Uri,
    string Version,
    long ChainId,
    string Nonce,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NotBefore,
    string? RequestId,
    IReadOnlyList<string> Resources);
