using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Tollway.Chain.SignIn;

/// <summary>
/// The sign-in secret (<c>SignIn:SessionSecret</c>, or one made for this process when it is unset) and the keys made
/// from it: every node given the same secret recognises the others' session tokens and nonces.
/// </summary>
public sealed class SignInSecret
{
    /// <summary>Reads the configured secret, or makes one for this process.</summary>
    public SignInSecret(IOptions<SignInOptions> options)
    {
        var configured = options.Value.SessionSecret;
        SessionKey = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(configured);
        // A key of its own, so that no nonce's MAC can ever stand for a session's, whatever the two formats become.
        NonceKey = HMACSHA256.HashData(SessionKey, Encoding.ASCII.GetBytes("tollway siwe nonce v1"));
    }

    /// <summary>Signs session tokens: the secret itself, as sessions have always been signed.</summary>
    internal byte[] SessionKey { get; }

    /// <summary>Signs sign-in nonces.</summary>
    internal byte[] NonceKey { get; }
}
