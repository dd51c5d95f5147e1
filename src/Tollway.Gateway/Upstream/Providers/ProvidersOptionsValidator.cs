using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Providers;

/// <summary>Checks every provider under <c>Providers</c> at start: its preset, base URL, key, headers, output limit
/// member and timeouts, each problem with its key.</summary>
internal sealed class ProvidersOptionsValidator(IEnvironmentVariables environment) : IValidateOptions<ProvidersOptions>
{
    /// <summary>The trace context's headers: a fixed value would put every request in one trace; the current span's go with
    /// <see cref="ProviderOptions.PropagateTraceContext"/>.</summary>
    private static readonly HashSet<string> TraceHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        TraceContextPropagator.TraceParent, TraceContextPropagator.TraceState,
    };

    /// <summary>Headers that carry a provider key: sending one beside the gateway's own would be ambiguous at best.</summary>
    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "api-key", "x-api-key", "x-goog-api-key",
    };

    public ValidateOptionsResult Validate(string? name, ProvidersOptions options)
    {
        var errors = new List<string>();
        foreach (var (providerName, provider) in options)
        {
            Validate(providerName, provider, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void Validate(string providerName, ProviderOptions provider, List<string> errors)
    {
        var path = $"Providers:{providerName}";
        var presetName = ProviderSettings.PresetName(providerName, provider);
        var preset = ProviderPresets.Find(presetName);
        if (preset is null)
        {
            var known = string.Join(", ", ProviderPresets.All.Select(p => p.Name));
            errors.Add($"{path}:Preset: unknown preset '{presetName}' (known: {known})");
            return;
        }

        var baseUrl = ProviderSettings.BaseUrl(provider, preset);
        if (baseUrl is null)
        {
            errors.Add($"{path}:BaseUrl: required for the '{preset.Name}' preset");
        }
        else if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{path}:BaseUrl: '{baseUrl}' is not an absolute http or https URL");
        }

        if (preset.RequiresApiKey && ProviderSettings.ApiKey(provider, preset, environment) is null && provider.ApiKeys.Count == 0)
        {
            var variable = ProviderSettings.KeyVariable(provider, preset);
            var where = variable is null ? "" : $"set the environment variable {variable}, or ";
            errors.Add($"{path}:ApiKey: no API key; {where}set TOLLWAY_Providers__{providerName}__ApiKey");
        }

        foreach (var header in provider.Headers.Keys.Where(CredentialHeaders.Contains))
        {
            errors.Add($"{path}:Headers:{header}: credentials are set with ApiKey or ApiKeyEnv, not as a header");
        }

        foreach (var header in provider.Headers.Keys.Where(TraceHeaders.Contains))
        {
            errors.Add($"{path}:Headers:{header}: the trace context is sent per request with PropagateTraceContext, not as a fixed header");
        }

        if (provider.OutputLimitMember is { } member && (preset.WireFormat != WireFormat.OpenAi
            || member is not (ProviderPreset.MaxTokens or ProviderPreset.MaxCompletionTokens)))
        {
            errors.Add($"{path}:OutputLimitMember: '{member}' is not '{ProviderPreset.MaxTokens}' or '{ProviderPreset.MaxCompletionTokens}' " +
                "(and only OpenAI-format presets take one)");
        }

        ValidateTimeouts(path, provider.Timeouts, errors);
    }

    private static void ValidateTimeouts(string path, TimeoutOptions timeouts, List<string> errors)
    {
        if (timeouts.Connect <= TimeSpan.Zero)
        {
            errors.Add($"{path}:Timeouts:Connect: must be positive");
        }

        if (timeouts.FirstByte <= TimeSpan.Zero)
        {
            errors.Add($"{path}:Timeouts:FirstByte: must be positive");
        }

        if (timeouts.Total < timeouts.FirstByte)
        {
            errors.Add($"{path}:Timeouts:Total: must be at least Timeouts:FirstByte");
        }
    }
}
