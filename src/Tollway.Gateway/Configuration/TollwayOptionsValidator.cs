using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog.Shipped;
using Tollway.Gateway.Money;
using Tollway.Gateway.Providers;

namespace Tollway.Gateway.Configuration;

/// <summary>
/// Checks the whole configuration at start and reports every problem at once, each with the config key it concerns,
/// so that an operator fixes a file in one pass instead of one restart per mistake.
/// </summary>
internal sealed class TollwayOptionsValidator(TollwayConfigurationSection source, IEnvironmentVariables environment, ShippedCatalog? shipped = null)
    : IValidateOptions<TollwayOptions>
{
    /// <summary>Far above any provider's own loop, and low enough that the windows it multiplies stay countable.</summary>
    private const int MaxServerToolIterations = 100;

    private readonly ShippedCatalog _shipped = shipped ?? ShippedCatalog.Default;

    /// <summary>Headers that carry a provider key: sending one beside the gateway's own would be ambiguous at best.</summary>
    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "api-key", "x-api-key", "x-goog-api-key",
    };

    public ValidateOptionsResult Validate(string? name, TollwayOptions options)
    {
        var errors = new List<string>();
        errors.AddRange(ConfigurationKeyChecker.FindUnknownKeys(source.Configuration, typeof(TollwayOptions))
            .Select(key => $"{key}: unknown key (check its spelling against the documented configuration)"));
        ValidateServer(options.Server, errors);
        ValidateDatabase(options.Database, errors);
        ValidateRequestLog(options.RequestLog, errors);
        ValidateBilling(options.Billing, errors);
        foreach (var (providerName, provider) in options.Providers)
        {
            ValidateProvider(providerName, provider, errors);
        }

        foreach (var (modelId, model) in options.Models)
        {
            ValidateModel(modelId, model, options, errors);
        }

        var names = new HashSet<string>(options.Models.Keys, StringComparer.Ordinal);
        foreach (var (modelId, model) in options.Models)
        {
            for (var i = 0; i < model.Aliases.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(model.Aliases[i]) || model.Aliases[i].Length > Catalog.CatalogModel.MaxIdLength || !names.Add(model.Aliases[i]))
                {
                    errors.Add($"Models:{modelId}:Aliases:{i}: '{model.Aliases[i]}' is empty, longer than {Catalog.CatalogModel.MaxIdLength} characters, or already names another model or alias");
                }
            }
        }

        ValidateCatalog(options, errors);
        var shippedIds = ShippedSelection.Select(options, _shipped).Select(s => s.Model.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < options.Routing.AutoModels.Count; i++)
        {
            if (!options.Models.ContainsKey(options.Routing.AutoModels[i]) && !shippedIds.Contains(options.Routing.AutoModels[i]))
            {
                errors.Add($"Routing:AutoModels:{i}: '{options.Routing.AutoModels[i]}' is not a configured or shipped model");
            }
        }

        if (options.Routing.MaxAttempts <= 0)
        {
            errors.Add("Routing:MaxAttempts: must be greater than zero");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateCatalog(TollwayOptions options, List<string> errors)
    {
        for (var i = 0; i < options.Catalog.Exclude.Count; i++)
        {
            if (!_shipped.Contains(options.Catalog.Exclude[i]))
            {
                errors.Add($"Catalog:Exclude:{i}: '{options.Catalog.Exclude[i]}' is not a shipped model (see `tollway models list --shipped`)");
            }
        }

        foreach (var (name, provider) in options.Providers)
        {
            if (provider.ShippedModels == true && ProviderPresets.Find(ProviderSettings.PresetName(name, provider)) is { } preset
                && !_shipped.ForPreset(preset.Name).Any())
            {
                errors.Add($"Providers:{name}:ShippedModels: the '{preset.Name}' preset ships no models; list this provider's models under 'models'");
            }
        }
    }

    /// <summary>The most one buffer may hold: a pooled array is indexed by <see cref="int"/>.</summary>
    private const long MaxBufferedBytes = 1L << 30;

    private static void ValidateServer(ServerOptions server, List<string> errors)
    {
        var urls = server.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            errors.Add("Server:Urls: at least one URL is required");
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"Server:Urls: '{url}' is not an absolute http or https URL");
            }
        }

        if (server.MaxRequestBodyBytes <= 0)
        {
            errors.Add("Server:MaxRequestBodyBytes: must be greater than zero");
        }
        else if (server.MaxRequestBodyBytes > MaxBufferedBytes)
        {
            errors.Add($"Server:MaxRequestBodyBytes: must be at most {MaxBufferedBytes} (1 GiB)");
        }

        if (server.MaxUpstreamResponseBytes is <= 0 or > MaxBufferedBytes)
        {
            errors.Add($"Server:MaxUpstreamResponseBytes: must be greater than zero and at most {MaxBufferedBytes} (1 GiB)");
        }

        if (!(server.MinRequestBodyBytesPerSecond > 0) || double.IsInfinity(server.MinRequestBodyBytesPerSecond))
        {
            errors.Add("Server:MinRequestBodyBytesPerSecond: must be a number greater than zero");
        }

        if (server.MinRequestBodyRateGracePeriod <= TimeSpan.FromSeconds(1))
        {
            errors.Add("Server:MinRequestBodyRateGracePeriod: must be longer than one second (Kestrel checks the rate once a second)");
        }

        if (server.RequestHeadersTimeout <= TimeSpan.Zero)
        {
            errors.Add("Server:RequestHeadersTimeout: must be greater than zero");
        }

        if (server.MaxConcurrentRequests is <= 0)
        {
            errors.Add("Server:MaxConcurrentRequests: must be greater than zero (leave it out for a default that fits the open-file limit)");
        }

        if (server.MaxConnections is <= 0)
        {
            errors.Add("Server:MaxConnections: must be greater than zero (leave it out for twice Server:MaxConcurrentRequests)");
        }
    }

    private static void ValidateDatabase(DatabaseOptions database, List<string> errors)
    {
        if (!database.UsesPostgres && string.IsNullOrWhiteSpace(database.SqlitePath))
        {
            errors.Add("Database:SqlitePath: a file path is required");
        }

        if (database.UsesPostgres)
        {
            try
            {
                _ = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = database.PostgresConnectionString };
            }
            catch (ArgumentException)
            {
                // The message would quote the string, password included: say only where the problem is.
                errors.Add("Database:PostgresConnectionString: not a valid connection string (key=value pairs separated by ';')");
            }
        }
    }

    private static void ValidateRequestLog(RequestLogOptions log, List<string> errors)
    {
        if (log.BatchSize <= 0)
        {
            errors.Add("RequestLog:BatchSize: must be greater than zero");
        }

        if (log.QueueCapacity < log.BatchSize)
        {
            errors.Add("RequestLog:QueueCapacity: must be at least RequestLog:BatchSize");
        }

        if (log.FlushInterval <= TimeSpan.Zero)
        {
            errors.Add("RequestLog:FlushInterval: must be positive");
        }
    }

    private static void ValidateBilling(BillingOptions billing, List<string> errors)
    {
        if (!Pricing.Percent.TryParsePartsPerMillion(billing.MarkupPercent, out _))
        {
            errors.Add($"Billing:MarkupPercent: '{billing.MarkupPercent}' is not a non-negative percentage with at most four decimals");
        }

        if (!UsdAmount.TryParseNanos(billing.LeaseChunkUsd, out var chunk) || chunk <= 0)
        {
            errors.Add($"Billing:LeaseChunkUsd: '{billing.LeaseChunkUsd}' is not a positive USD amount");
        }

        if (billing.DefaultMaxOutputTokens <= 0)
        {
            errors.Add("Billing:DefaultMaxOutputTokens: must be greater than zero");
        }

        if (billing.ServerToolIterations is < 1 or > MaxServerToolIterations)
        {
            errors.Add($"Billing:ServerToolIterations: must be between 1 and {MaxServerToolIterations}");
        }

        foreach (var (key, value) in new[]
        {
            ("LeaseTtl", billing.LeaseTtl), ("LeaseIdleRelease", billing.LeaseIdleRelease), ("ExhaustedBalanceRecheck", billing.ExhaustedBalanceRecheck),
            ("KeySpendRefresh", billing.KeySpendRefresh), ("PricingRefresh", billing.PricingRefresh),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Billing:{key}: must be positive");
            }
        }
    }

    private void ValidateProvider(string providerName, ProviderOptions provider, List<string> errors)
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

    private static void ValidateModel(string modelId, ModelOptions model, TollwayOptions options, List<string> errors)
    {
        var path = $"Models:{modelId}";
        if (string.IsNullOrWhiteSpace(modelId) || modelId.Any(char.IsWhiteSpace))
        {
            errors.Add($"{path}: a model id must be non-empty and contain no spaces");
        }

        if (modelId.Length > Catalog.CatalogModel.MaxIdLength)
        {
            errors.Add($"{path}: a model id must be at most {Catalog.CatalogModel.MaxIdLength} characters (requests naming a longer one are refused)");
        }

        var kind = model.Type;
        if (kind is not (ModelTypes.Chat or ModelTypes.Embedding))
        {
            errors.Add($"{path}:Type: '{kind}' is not one of '{ModelTypes.Chat}', '{ModelTypes.Embedding}'");
        }

        if (model.Endpoints.Count == 0)
        {
            errors.Add($"{path}:Endpoints: at least one endpoint is required");
        }

        if (!Routing.RoutingStrategies.Names.Contains(model.Strategy, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{path}:Strategy: unknown strategy '{model.Strategy}' (known: {string.Join(", ", Routing.RoutingStrategies.Names)})");
        }

        for (var i = 0; i < model.Endpoints.Count; i++)
        {
            ValidateEndpoint($"{path}:Endpoints:{i}", model.Endpoints[i], kind, options, errors);
        }
    }

    private static void ValidateEndpoint(string path, ModelEndpointOptions endpoint, string kind, TollwayOptions options, List<string> errors)
    {
        if (!options.Providers.TryGetValue(endpoint.Provider, out var provider))
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

        if (endpoint.DataPolicy is { } policy && !Catalog.EndpointDataPolicies.Names.Contains(policy, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{path}:DataPolicy: '{policy}' is not one of {string.Join(", ", Catalog.EndpointDataPolicies.Names)}");
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
