namespace Tollway.Chain.SignIn;

/// <summary>
/// How long the two strings posted to <c>POST /auth/siwe/verify</c> may be. Past them the request is a 400 before
/// anything is parsed, hashed or sent to a chain: a megabyte "message" would otherwise be parsed, hashed and, for a
/// contract wallet, sent in an <c>eth_call</c>, and a valid one would sign in.
/// </summary>
public static class SignInBounds
{
    /// <summary>An EIP-4361 message is a few hundred characters; 4,096 leave room for a long statement and resources.</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>A wallet's own key signs in 65 bytes; a contract wallet's EIP-1271 signature (several owners' signatures,
    /// a passkey's assertion) or an EIP-6492 wrapper (with the call that deploys the wallet) is longer, and 8 KiB holds
    /// any of them.</summary>
    public const int MaxSignatureBytes = 8192;

    /// <summary><see cref="MaxSignatureBytes"/> as <c>0x</c> and two hex digits a byte.</summary>
    public const int MaxSignatureLength = 2 + (2 * MaxSignatureBytes);

    /// <summary>The field (<c>message</c> or <c>signature</c>) past its bound, or <see langword="null"/>.</summary>
    public static string? FindOversized(string? message, string? signature) =>
        message is { Length: > MaxMessageLength } ? "message"
        : signature is { Length: > MaxSignatureLength } ? "signature"
        : null;
}
