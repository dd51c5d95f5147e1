using Microsoft.Extensions.Options;
using Tollway.Gateway.Configuration;

namespace Tollway.Chain.Chains;

/// <summary>
/// Checks every chain at start, beside the gateway's own validator (whose failures it adds to, so an operator sees
/// all of them at once): presets, ids, URLs, addresses and their checksums, tokens, and chain ids used twice.
/// </summary>
internal sealed class ChainOptionsValidator : IValidateOptions<TollwayOptions>
{
    public ValidateOptionsResult Validate(string? name, TollwayOptions options)
    {
        var errors = new List<string>();
        var byId = new Dictionary<long, string>();
        foreach (var (chainName, chain) in options.Chains)
        {
            if (!chain.Enabled)
            {
                continue;
            }

            if (ChainSettingsResolver.Resolve(chainName, chain, errors) is { } settings && !byId.TryAdd(settings.ChainId, chainName))
            {
                errors.Add($"Chains:{chainName}:ChainId: chain id {settings.ChainId} is already configured as '{byId[settings.ChainId]}'");
            }
        }

        ValidateSignIn(options.SignIn, options.Chains.Values.Any(c => c.Enabled), errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>With a chain, the sign-in endpoints sign wallets in, so they must know the gateway's own domain and
    /// origin: taken from the request's Host, a message signed for a phishing site and posted with its Host would pass.</summary>
    private static void ValidateSignIn(SignInOptions signIn, bool chainsConfigured, List<string> errors)
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
