using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Upstream.Providers;

/// <summary>Resolves what a provider's options leave to defaults: its preset, base URL and key.</summary>
internal static class ProviderSettings
{
    public static string PresetName(string providerName, ProviderOptions options) =>
        string.IsNullOrWhiteSpace(options.Preset) ? providerName : options.Preset;

    public static string? BaseUrl(ProviderOptions options, ProviderPreset preset) =>
        string.IsNullOrWhiteSpace(options.BaseUrl) ? preset.BaseUrl : options.BaseUrl;

    /// <summary>The environment variable a key is read from, when the options carry none.</summary>
    public static string? KeyVariable(ProviderOptions options, ProviderPreset preset) =>
        string.IsNullOrWhiteSpace(options.ApiKeyEnv) ? preset.ApiKeyEnvironmentVariable : options.ApiKeyEnv;

    public static string? ApiKey(ProviderOptions options, ProviderPreset preset, IEnvironmentVariables environment)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return options.ApiKey;
        }

        var variable = KeyVariable(options, preset);
        return variable is null ? null : environment.Read(variable);
    }
}
