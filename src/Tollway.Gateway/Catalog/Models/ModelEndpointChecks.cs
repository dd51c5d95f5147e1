using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Catalog.Models;

/// <summary>The checks of one configured model endpoint: its provider, limits, data policy and prices.</summary>
internal static class ModelEndpointChecks
{
    public static void Validate(string path, ModelEndpointOptions endpoint, string kind, ProvidersOptions providers, List<string> errors)
    {
        if (!providers.TryGetValue(endpoint.Provider, out var provider))
        {
            errors.Add($"{path}:Provider: '{endpoint.Provider}' is not a configured provider");
        }
        else if (ProviderPresets.Find(ProviderSettings.PresetName(endpoint.Provider, provider)) is { } preset)
        {
            var needs = kind == ModelTypes.Embedding ? ProviderOperations.Embeddings : ProviderOperations.ChatCompletions;
            if (!preset.Operations.HasFlag(needs))
            {
                errors.Add($"{path}:Provider: '{endpoint.Provider}' ({preset.Name}) does not serve {kind} models");
            }
        }

        if (endpoint.ContextLength is <= 0)
        {
            errors.Add($"{path}:ContextLength: must be greater than zero");
        }

        if (endpoint.DataPolicy is { } policy && !EndpointDataPolicies.Names.Contains(policy, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{path}:DataPolicy: '{policy}' is not one of {string.Join(", ", EndpointDataPolicies.Names)}");
        }

        if (endpoint.Weight <= 0)
        {
            errors.Add($"{path}:Weight: must be greater than zero");
        }

        if (endpoint.MaxOutputTokens is <= 0)
        {
            errors.Add($"{path}:MaxOutputTokens: must be greater than zero");
        }

        if (endpoint.Pricing.Input is null || endpoint.Pricing.Output is null)
        {
            // Every request is paid for: an endpoint without a price could only be refused, so it is refused here.
            errors.Add($"{path}:Pricing: 'input' and 'output' prices are required (write \"0\" for a free model)");
        }

        ValidatePrice($"{path}:Pricing:Input", endpoint.Pricing.Input, errors);
        ValidatePrice($"{path}:Pricing:CachedInput", endpoint.Pricing.CachedInput, errors);
        ValidatePrice($"{path}:Pricing:CacheWrite", endpoint.Pricing.CacheWrite, errors);
        ValidatePrice($"{path}:Pricing:Output", endpoint.Pricing.Output, errors);
        ValidatePrice($"{path}:Pricing:Reasoning", endpoint.Pricing.Reasoning, errors);
        ValidatePrice($"{path}:Pricing:Request", endpoint.Pricing.Request, errors);
        ValidatePrice($"{path}:Pricing:CacheWrite1h", endpoint.Pricing.CacheWrite1h, errors);
        ValidatePrice($"{path}:Pricing:WebSearch", endpoint.Pricing.WebSearch, errors);
        ValidatePrice($"{path}:Pricing:InputAudio", endpoint.Pricing.InputAudio, errors);
        ValidatePrice($"{path}:Pricing:PriorityInput", endpoint.Pricing.PriorityInput, errors);
        ValidatePrice($"{path}:Pricing:PriorityCachedInput", endpoint.Pricing.PriorityCachedInput, errors);
        ValidatePrice($"{path}:Pricing:PriorityOutput", endpoint.Pricing.PriorityOutput, errors);
        if ((endpoint.Pricing.PriorityInput is null) != (endpoint.Pricing.PriorityOutput is null)
            || (endpoint.Pricing.PriorityCachedInput is not null && endpoint.Pricing.PriorityInput is null))
        {
            errors.Add($"{path}:Pricing: the priority tier needs both 'priorityInput' and 'priorityOutput'");
        }
    }

    private static void ValidatePrice(string path, string? text, List<string> errors)
    {
        if (text is not null && !UsdAmount.TryParseNanos(text, out _))
        {
            errors.Add($"{path}: '{text}' is not a non-negative USD amount with at most nine decimals");
        }
    }
}
