using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.SignIn;

/// <summary>
/// Sign-in nonces that cost nothing to issue: 12 random bytes and the expiry, with an HMAC of them under the nonce key
/// of <see cref="SignInSecret"/>, as 72 lowercase hex digits (EIP-4361 asks for letters and digits). Issuing stores
/// nothing anywhere, so asking for nonces in a loop grows nothing; any node with the same secret recognises one. Using
/// one records it in <see cref="IUsedSignInNonceStore"/>, shared by the nodes, so it signs in once wherever it is sent;
/// that store holds only the nonces of successful sign-ins, until they expire.
/// </summary>
public sealed class SiweNonces(SignInSecret secret, IUsedSignInNonceStore used, IOptions<SignInOptions> options, TimeProvider timeProvider)
{
    private const int RandomBytes = 12;
    private const int SignedBytes = RandomBytes + sizeof(long);
    private const int MacBytes = 16;
    private const int NonceBytes = SignedBytes + MacBytes;

    /// <summary>How long a used nonce is kept past its expiry: a node whose clock runs behind still takes the nonce for
    /// live until its own clock gets there, and must still find it used.</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(10);

    /// <summary>A new nonce and when it expires (a whole second, at most <c>SignIn:NonceLifetime</c> from now).</summary>
    public (string Nonce, DateTimeOffset ExpiresAt) Issue()
    {
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((timeProvider.GetUtcNow() + options.Value.NonceLifetime).ToUnixTimeSeconds());
        Span<byte> nonce = stackalloc byte[NonceBytes];
        RandomNumberGenerator.Fill(nonce[..RandomBytes]);
        BinaryPrimitives.WriteInt64BigEndian(nonce[RandomBytes..SignedBytes], expiresAt.ToUnixTimeSeconds());
        Mac(nonce[..SignedBytes], nonce[SignedBytes..]);
        return (Convert.ToHexStringLower(nonce), expiresAt);
    }

    /// <summary>Whether a node with this secret issued the nonce and it has not expired; not whether it was used.</summary>
    public bool IsAuthentic(string nonce) => TryReadExpiry(nonce) is { } expiresAt && expiresAt > timeProvider.GetUtcNow();

    /// <summary>Uses the nonce up: true for exactly one caller on any node sharing the database, and only while it is
    /// authentic and live.</summary>
    public async Task<bool> TryUseAsync(string nonce, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return TryReadExpiry(nonce) is { } expiresAt && expiresAt > now && await used.TryUseAsync(nonce, expiresAt, now - ForgetAfter, cancellationToken);
    }

    /// <summary>The expiry a nonce carries when its MAC is right, else <see langword="null"/>. Only the exact lowercase
    /// form is read, so that one nonce has one spelling in the used store.</summary>
    private DateTimeOffset? TryReadExpiry(string nonce)
    {
        if (nonce.Length != NonceBytes * 2 || !nonce.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[NonceBytes];
        _ = Convert.FromHexString(nonce, bytes, out _, out _);
        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(bytes[..SignedBytes], expected);
        return CryptographicOperations.FixedTimeEquals(expected, bytes[SignedBytes..])
            ? DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes[RandomBytes..SignedBytes]))
            : null;
    }

    private void Mac(ReadOnlySpan<byte> signed, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret.NonceKey, signed, full);
        full[..MacBytes].CopyTo(mac);
    }
}
