using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Upstream.Routing;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>What a provider's refusal (a status <see cref="RetryClassifier"/> does not relay) teaches the gateway, for a
/// generation attempt and a token count alike: a key refused or rate limited is rested, and the endpoint's health
/// learns of the failure.</summary>
internal static class UpstreamRefusals
{
    /// <summary>Records the refusal; whether the provider has another key ready to try at once.</summary>
    public static bool Record(UpstreamExchange exchange, UpstreamProvider provider, EndpointHealth health, TimeSpan quotaCoolDown)
    {
        var response = exchange.Response!;
        var status = (int)response.StatusCode;
        var keySpecific = status is 401 or 402 or 403 or 429;
        if (status == 429)
        {
            provider.RestRateLimited(exchange.Credential, response.Headers.RetryAfter?.Delta);
        }
        else if (keySpecific)
        {
            provider.RestRefused(exchange.Credential, quotaCoolDown);
        }

        // A key-specific refusal says little about the endpoint while the provider has another key to try.
        var rotate = keySpecific && provider.HasOtherReadyKey(exchange.Credential);
        var verdict = RetryClassifier.Classify(status);
        health.RecordFailure($"HTTP {status}", quota: verdict == UpstreamVerdict.RetryElsewhereCoolDown && !rotate);
        return rotate;
    }
}
