using Microsoft.Extensions.Options;
using Tollway.Chain.Chains;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Chain.SignIn;

/// <summary>Checks the <c>SignIn</c> section at start; with a chain configured (read as bound, under <c>Chains</c>), the
/// domain and URI sign-in messages must name are required.</summary>
internal sealed class SignInOptionsValidator(BoundOptions<ChainsOptions> chains) : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        var errors = new List<string>();
        Validate(options, chains.Value.Values.Any(c => c.Enabled), errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>With a chain, the sign-in endpoints sign wallets in, so they must know the gateway's own domain and
    /// origin: taken from the request's Host, a message signed for a phishing site and posted with its Host would pass.</summary>
    private static void Validate(SignInOptions signIn, bool chainsConfigured, List<string> errors)
    {
        if (chainsConfigured && string.IsNullOrEmpty(signIn.Domain))
        {
            errors.Add("SignIn:Domain: required when a chain is configured, as is SignIn:Uri: the host (and port) sign-in messages must name, "
                + "e.g. tollway.example.com (the request's Host is never used)");
        }
        else if (signIn.Domain is { } domain && (domain.Length == 0 || domain.Contains("://", StringComparison.Ordinal) || domain.Any(char.IsWhiteSpace)))
        {
            errors.Add($"SignIn:Domain: '{domain}' is not a host name with an optional port (no scheme)");
        }

        if (chainsConfigured && string.IsNullOrEmpty(signIn.Uri))
        {
            errors.Add("SignIn:Uri: required when a chain is configured, as is SignIn:Domain: the origin the URI of a sign-in message must be under, "
                + "e.g. https://tollway.example.com (the request's scheme and Host are never used)");
        }
        else if (signIn.Uri is { } uri && (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"SignIn:Uri: '{uri}' is not an absolute http or https URL");
        }

        foreach (var (key, value) in new[] { ("NonceLifetime", signIn.NonceLifetime), ("SessionLifetime", signIn.SessionLifetime) })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"SignIn:{key}: must be positive");
            }
        }

        if (signIn.ClockSkew < TimeSpan.Zero || signIn.ClockSkew > TimeSpan.FromMinutes(10))
        {
            errors.Add("SignIn:ClockSkew: must be between 0 and 10 minutes");
        }

        if (!string.IsNullOrEmpty(signIn.SessionSecret))
        {
            var buffer = new byte[signIn.SessionSecret.Length];
            if (!Convert.TryFromBase64String(signIn.SessionSecret, buffer, out var length) || length < 32)
            {
                // Never echo the secret.
                errors.Add("SignIn:SessionSecret: must be base64 of at least 32 bytes (openssl rand -base64 32)");
            }
        }
    }
}
