using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.SignIn;

/// <summary>
/// Short-lived account API sessions as self-contained tokens: <c>tws_</c>, then base64url of the expiry, the account
/// and the wallet, and an HMAC-SHA256 of them under the session secret. Any node with the same secret accepts them
/// without a database read; they end at their expiry (sign out by letting them lapse).
/// </summary>
public sealed class SessionTokens
{
    /// <summary>The prefix that tells a session token from an API key.</summary>
    public const string Prefix = "tws_";

    private readonly byte[] _secret;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lifetime;

    /// <summary>Signs with the session key of <paramref name="secret"/>.</summary>
    public SessionTokens(SignInSecret secret, IOptions<SignInOptions> options, TimeProvider timeProvider)
    {
        _secret = secret.SessionKey;
        _timeProvider = timeProvider;
        _lifetime = options.Value.SessionLifetime;
    }

    /// <summary>A token for the account, and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(string accountId, WalletAddress wallet)
    {
        var expiresAt = _timeProvider.GetUtcNow() + _lifetime;
        var body = Encoding.UTF8.GetBytes($"{accountId}|{wallet.Value}");
        var payload = new byte[8 + body.Length];
        BinaryPrimitives.WriteInt64BigEndian(payload, expiresAt.ToUnixTimeSeconds());
        body.CopyTo(payload, 8);
        var mac = HMACSHA256.HashData(_secret, payload);
        return (Prefix + Base64Url(payload) + "." + Base64Url(mac), DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()));
    }

    /// <summary>The session a token stands for, or <see langword="null"/> when it is forged, malformed or expired.</summary>
    public AccountSession? Validate(string? token)
    {
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = token[Prefix.Length..].Split('.');
        if (parts.Length != 2 || !TryDecode(parts[0], out var payload) || !TryDecode(parts[1], out var mac) || payload.Length < 9)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_secret, payload), mac))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload));
        var fields = Encoding.UTF8.GetString(payload, 8, payload.Length - 8).Split('|');
        if (expiresAt <= _timeProvider.GetUtcNow() || fields.Length != 2 || !WalletAddress.TryParse(fields[1], out var wallet))
        {
            return null;
        }

        return new AccountSession(fields[0], wallet, expiresAt);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        var buffer = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}
