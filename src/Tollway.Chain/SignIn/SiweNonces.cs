using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Configuration;

namespace Tollway.Chain.SignIn;

/// <summary>
/// Server-issued sign-in nonces: random, single-use, expiring. Kept in this process's memory, so a nonce is redeemed
/// on the node that issued it (a load balancer in front of several nodes needs affinity for the two sign-in calls).
/// </summary>
public sealed class SiweNonces(IOptions<TollwayOptions> options, TimeProvider timeProvider)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int MaxOutstanding = 100_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    /// <summary>A new nonce (17 letters and digits, as EIP-4361 suggests at least 8) and when it expires.</summary>
    public (string Nonce, DateTimeOffset ExpiresAt) Issue()
    {
        var now = timeProvider.GetUtcNow();
        if (_expiries.Count >= MaxOutstanding)
        {
            foreach (var (nonce, expiry) in _expiries)
            {
                if (expiry <= now)
                {
                    _expiries.TryRemove(nonce, out _);
                }
            }
        }

        var issued = RandomNumberGenerator.GetString(Alphabet, 17);
        var expiresAt = now + options.Value.SignIn.NonceLifetime;
        _expiries[issued] = expiresAt;
        return (issued, expiresAt);
    }

    /// <summary>Whether the nonce was issued here, is unused and has not expired (it stays usable).</summary>
    public bool IsLive(string nonce) => _expiries.TryGetValue(nonce, out var expiry) && expiry > timeProvider.GetUtcNow();

    /// <summary>Uses the nonce up: true for exactly one caller, and only while it is live.</summary>
    public bool TryConsume(string nonce) =>
        _expiries.TryRemove(nonce, out var expiry) && expiry > timeProvider.GetUtcNow();
}
