using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Catalog.Models.Shipped;
using Tollway.Gateway.Tests.Platform.Configuration;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Catalog.Models;

public sealed class CatalogBuilderTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly FakeEnvironmentVariables _environment = new(new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-from-env" });

    [Fact]
    public void BuildProviders_Options_ResolvesPresetBaseUrlKeyAndTimeouts()
    {
        var options = new CatalogSources();
        options.Providers["openai"] = new ProviderOptions();
        options.Providers["contoso"] = new ProviderOptions
        {
            Preset = "azure",
            BaseUrl = "https://contoso.openai.azure.com",
            ApiKey = "azure-key",
            ApiVersion = "2025-01-01-preview",
            OutputLimitMember = "max_completion_tokens",
            Timeouts = new TimeoutOptions { Connect = TimeSpan.FromSeconds(2), FirstByte = TimeSpan.FromSeconds(20), Total = TimeSpan.FromMinutes(2) },
        };
        options.Providers["local"] = new ProviderOptions { Preset = "ollama" };

        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        Assert.Equal(3, registry.All.Count());
        Assert.True(registry.TryFind("openai", out var openAi));
        Assert.Equal("openai", openAi.Preset.Name);
        Assert.Equal("https://api.openai.com/v1/", openAi.BaseUri.AbsoluteUri);
        Assert.Equal(new ProviderTimeouts(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(10)), openAi.Timeouts);

        Assert.True(registry.TryFind("contoso", out var azure));
        Assert.Equal("azure", azure.Preset.Name);
        Assert.Equal("2025-01-01-preview", azure.ApiVersion);
        Assert.Equal("max_completion_tokens", azure.OutputLimitMember);
        Assert.Equal(new ProviderTimeouts(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(2)), azure.Timeouts);
        Assert.Equal(["azure-key"], Headers(azure).GetValues("api-key"));

        Assert.True(registry.TryFind("local", out var local));
        Assert.Equal("http://127.0.0.1:11434/v1/", local.BaseUri.AbsoluteUri);
        Assert.False(local.HasApiKey);
        // Unset, the preset's member: OpenAI's reasoning models refuse max_tokens, most others read only it.
        Assert.Equal("max_completion_tokens", openAi.OutputLimitMember);
        Assert.Equal("max_tokens", local.OutputLimitMember);
    }

    [Fact]
    public void BuildProviders_NoKeyInOptions_UsesThePresetsEnvironmentVariable()
    {
        var options = new CatalogSources();
        options.Providers["openai"] = new ProviderOptions();

        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        Assert.True(registry.TryFind("openai", out var provider));
        Assert.True(provider.HasApiKey);
        Assert.Equal(["Bearer sk-from-env"], Headers(provider).GetValues("Authorization"));
    }

    [Fact]
    public void BuildProviders_KeyInOptions_WinsOverTheEnvironment()
    {
        var options = new CatalogSources();
        options.Providers["openai"] = new ProviderOptions { ApiKey = "sk-from-config" };

        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        Assert.True(registry.TryFind("openai", out var provider));
        Assert.Equal(["Bearer sk-from-config"], Headers(provider).GetValues("Authorization"));
    }

    [Fact]
    public void BuildProviders_BaseUrlOverride_WinsOverThePresets()
    {
        var options = new CatalogSources();
        options.Providers["openai"] = new ProviderOptions { BaseUrl = "https://gateway.internal.example/openai/v1" };

        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        Assert.True(registry.TryFind("openai", out var provider));
        Assert.Equal("https://gateway.internal.example/openai/v1/chat/completions", provider.GetOperationUri(GatewayOperation.ChatCompletions, "m").AbsoluteUri);
    }

    [Fact]
    public void BuildProviders_Headers_AreCopiedAndMatchedIgnoringCase()
    {
        var options = new CatalogSources();
        var provider = new ProviderOptions { ApiKey = "k" };
        provider.Headers["X-Title"] = "Tollway";
        options.Providers["openrouter"] = provider;

        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);
        provider.Headers["X-Late"] = "added after the build";

        Assert.True(registry.TryFind("openrouter", out var built));
        Assert.Equal("Tollway", built.Headers["x-title"]);
        Assert.False(built.Headers.ContainsKey("X-Late"));
    }

    [Fact]
    public void BuildProviders_UnvalidatedUnknownPreset_Throws()
    {
        var options = new CatalogSources();
        options.Providers["x"] = new ProviderOptions { Preset = "nope" };

        Assert.Throws<InvalidOperationException>(() => CatalogBuilder.BuildProviders(options.Providers, _environment));
    }

    [Fact]
    public void BuildProviders_UnvalidatedMissingBaseUrl_Throws()
    {
        var options = new CatalogSources();
        options.Providers["vllm"] = new ProviderOptions();

        Assert.Throws<InvalidOperationException>(() => CatalogBuilder.BuildProviders(options.Providers, _environment));
    }

    [Fact]
    public void BuildCatalog_Models_MapsIdsKindsNamesAndEndpoints()
    {
        var options = OptionsWithOpenAi();
        options.Models["gpt-4o-mini"] = new ModelOptions
        {
            DisplayName = "GPT-4o mini",
            Description = "Small and fast.",
            Endpoints =
            [
                new ModelEndpointOptions { Provider = "openai", ContextLength = 128_000, MaxOutputTokens = 16_384 },
                new ModelEndpointOptions { Provider = "OpenAI", Model = "gpt-4o-mini-2024-07-18" },
            ],
        };
        options.Models["text-embedding-3-small"] = new ModelOptions
        {
            Type = ModelTypes.Embedding,
            Endpoints = [new ModelEndpointOptions { Provider = "openai", Model = "   " }],
        };
        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        var catalog = CatalogBuilder.BuildCatalog(options, registry, Created);

        Assert.True(catalog.TryFind("gpt-4o-mini", out var chat));
        Assert.Equal(ModelKind.Chat, chat.Kind);
        Assert.Equal("GPT-4o mini", chat.DisplayName);
        Assert.Equal("Small and fast.", chat.Description);
        Assert.Equal(Created, chat.Created);
        Assert.Equal(2, chat.Endpoints.Count);
        Assert.Same(chat.Endpoints[0], chat.Primary);
        registry.TryFind("openai", out var openAi);
        Assert.All(chat.Endpoints, e => Assert.Same(openAi, e.Provider));
        Assert.Equal("gpt-4o-mini", chat.Endpoints[0].UpstreamModel);
        Assert.Equal(128_000, chat.Endpoints[0].ContextLength);
        Assert.Equal(16_384, chat.Endpoints[0].MaxOutputTokens);
        Assert.Equal("gpt-4o-mini-2024-07-18", chat.Endpoints[1].UpstreamModel);
        Assert.Null(chat.Endpoints[1].ContextLength);

        Assert.True(catalog.TryFind("text-embedding-3-small", out var embedding));
        Assert.Equal(ModelKind.Embedding, embedding.Kind);
        Assert.Equal("text-embedding-3-small", embedding.DisplayName);
        Assert.Null(embedding.Description);
        Assert.Equal("text-embedding-3-small", embedding.Primary.UpstreamModel);
    }

    [Fact]
    public void BuildCatalog_Prices_AreExactNanosPerMillion()
    {
        var options = OptionsWithOpenAi();
        options.Models["m"] = new ModelOptions
        {
            Endpoints =
            [
                new ModelEndpointOptions
                {
                    Provider = "openai",
                    Pricing = new PricingOptions { Input = "0.15", Output = "0.6", CachedInput = "0.075", CacheWrite = "0.1875", Reasoning = "2.000000001", Request = "0.001" },
                },
                new ModelEndpointOptions { Provider = "openai" },
            ],
        };
        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        var model = CatalogBuilder.BuildCatalog(options, registry, Created).Models.Single();

        Assert.Equal(new ModelPricing(150_000_000, 600_000_000, 75_000_000, 187_500_000, 2_000_000_001, 1_000_000), model.Endpoints[0].Pricing);
        // An endpoint with no price at all has none (it is refused at request time, never served free), and the
        // optional rates of a priced one stay "not priced apart" rather than zero.
        Assert.Null(model.Endpoints[1].Pricing);
    }

    [Fact]
    public void BuildCatalog_FeaturePrices_AreExactNanos()
    {
        var options = OptionsWithOpenAi();
        options.Models["m"] = new ModelOptions
        {
            Endpoints =
            [
                new ModelEndpointOptions
                {
                    Provider = "openai",
                    Pricing = new PricingOptions
                    {
                        Input = "3", Output = "15", CacheWrite1h = "6", WebSearch = "10", PriorityInput = "6", PriorityCachedInput = "0.6", PriorityOutput = "30", Request = "0.001",
                    },
                },
            ],
        };
        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        var pricing = CatalogBuilder.BuildCatalog(options, registry, Created).Models.Single().Endpoints[0].Pricing!;

        Assert.Equal(6_000_000_000, pricing.CacheWrite1hPerMillion);
        Assert.Equal(10_000_000_000, pricing.WebSearchPerThousand);
        Assert.Equal(new ModelPricing(6_000_000_000, 30_000_000_000, 600_000_000, RequestFee: 1_000_000), pricing.Priority);
    }

    [Fact]
    public void BuildCatalog_ProviderWithAShippingPreset_GetsItsShippedModelsPricedWithoutListingThem()
    {
        var options = new CatalogSources();
        options.Providers["openai"] = new ProviderOptions();
        options.Providers["local"] = new ProviderOptions { Preset = "ollama" };
        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        var catalog = CatalogBuilder.BuildCatalog(options, registry, Created, TwoPresets);

        Assert.Equal(["gpt-x", "gpt-x-embed"], catalog.Models.Select(m => m.Id));
        Assert.True(catalog.TryFind("gpt-x", out var chat));
        Assert.Equal("GPT X", chat.DisplayName);
        var endpoint = Assert.Single(chat.Endpoints);
        Assert.Equal("openai", endpoint.Provider.Name);
        Assert.Equal(new ModelPricing(2_500_000_000, 10_000_000_000, 1_250_000_000), endpoint.Pricing);
        Assert.Equal((128_000, 16_384), (endpoint.ContextLength, endpoint.MaxOutputTokens));
        Assert.Equal(new DateOnly(2026, 8, 21), endpoint.PriceDate);
        Assert.Equal((true, true, (bool?)null, false), (endpoint.SupportsTools, endpoint.SupportsVision, endpoint.SupportsJsonSchema, endpoint.SupportsReasoning));
        Assert.True(catalog.TryFind("gpt-x-embed", out var embedding));
        Assert.Equal(ModelKind.Embedding, embedding.Kind);
    }

    [Fact]
    public void BuildCatalog_ConfiguredModelOrAliasWithAShippedId_ReplacesTheShippedModelWhole()
    {
        var options = new CatalogSources();
        options.Providers["openai"] = new ProviderOptions();
        options.Models["gpt-x"] = new ModelOptions
        {
            Endpoints = [new ModelEndpointOptions { Provider = "openai", Pricing = new PricingOptions { Input = "1", Output = "2" } }],
        };
        options.Models["house"] = new ModelOptions
        {
            Aliases = ["gpt-x-embed"],
            Type = ModelTypes.Embedding,
            Endpoints = [new ModelEndpointOptions { Provider = "openai", Pricing = new PricingOptions { Input = "0.01", Output = "0" } }],
        };
        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        var catalog = CatalogBuilder.BuildCatalog(options, registry, Created, TwoPresets);

        Assert.Equal(["gpt-x", "house"], catalog.Models.Select(m => m.Id));
        Assert.True(catalog.TryFind("gpt-x", out var configured));
        Assert.Equal(new ModelPricing(1_000_000_000, 2_000_000_000), configured.Primary.Pricing);
        Assert.Null(configured.Primary.PriceDate);
        Assert.True(catalog.TryFind("gpt-x-embed", out var alias));
        Assert.Equal("house", alias.Id);
    }

    [Fact]
    public void BuildCatalog_ShippingTurnedOffGloballyPerProviderOrById_LeavesThoseModelsOut()
    {
        var options = new CatalogSources { Catalog = { ShippedModels = false } };
        options.Providers["openai"] = new ProviderOptions();
        options.Providers["router"] = new ProviderOptions { Preset = "openrouter", ApiKey = "k", ShippedModels = true };
        options.Providers["second-router"] = new ProviderOptions { Preset = "openrouter", ApiKey = "k" };
        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        var perProvider = CatalogBuilder.BuildCatalog(options, registry, Created, TwoPresets);
        options.Catalog.Exclude.Add("vendor/model");
        var excluded = CatalogBuilder.BuildCatalog(options, registry, Created, TwoPresets);

        var model = Assert.Single(perProvider.Models);
        Assert.Equal("vendor/model", model.Id);
        Assert.Equal(["router"], model.Endpoints.Select(e => e.Provider.Name));
        Assert.Empty(excluded.Models);
    }

    [Fact]
    public void BuildCatalog_ShippedIdServedByTwoProviders_IsOneModelWithAnEndpointOnEach()
    {
        var options = new CatalogSources();
        options.Providers["router"] = new ProviderOptions { Preset = "openrouter", ApiKey = "k" };
        options.Providers["router-backup"] = new ProviderOptions { Preset = "openrouter", ApiKey = "k2" };
        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        var model = Assert.Single(CatalogBuilder.BuildCatalog(options, registry, Created, TwoPresets).Models);

        Assert.Equal(["router", "router-backup"], model.Endpoints.Select(e => e.Provider.Name).Order());
    }

    [Fact]
    public void BuildCatalog_UnvalidatedUnknownProvider_Throws()
    {
        var options = OptionsWithOpenAi();
        options.Models["m"] = new ModelOptions { Endpoints = [new ModelEndpointOptions { Provider = "nowhere" }] };
        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        Assert.Throws<InvalidOperationException>(() => CatalogBuilder.BuildCatalog(options, registry, Created));
    }

    [Fact]
    public void BuildCatalog_UnvalidatedBadPrice_Throws()
    {
        var options = OptionsWithOpenAi();
        options.Models["m"] = new ModelOptions
        {
            Endpoints = [new ModelEndpointOptions { Provider = "openai", Pricing = new PricingOptions { Output = "abc" } }],
        };
        using var registry = CatalogBuilder.BuildProviders(options.Providers, _environment);

        Assert.Throws<FormatException>(() => CatalogBuilder.BuildCatalog(options, registry, Created));
    }

    private static CatalogSources OptionsWithOpenAi()
    {
        // These tests are about configured models; the shipped ones are covered by the BuildCatalog_Shipped… tests.
        var options = new CatalogSources { Catalog = { ShippedModels = false } };
        options.Providers["openai"] = new ProviderOptions();
        return options;
    }

    private static ShippedCatalog TwoPresets { get; } = Shipped("""
        { "models": [
          { "model": "gpt-x", "preset": "openai", "name": "GPT X", "contextLength": 128000, "maxOutputTokens": 16384,
            "pricing": { "input": "2.5", "cachedInput": "1.25", "output": "10" }, "priceDate": "2026-08-21",
            "capabilities": { "tools": true, "vision": true, "reasoning": false } },
          { "model": "gpt-x-embed", "preset": "openai", "type": "embedding", "contextLength": 8191,
            "pricing": { "input": "0.02", "output": "0" }, "priceDate": "2026-08-21" },
          { "model": "vendor/model", "preset": "openrouter", "contextLength": 32768, "pricing": { "input": "1", "output": "1" }, "priceDate": "2026-08-21" }
        ] }
        """);

    private static ShippedCatalog Shipped(string json) =>
        ShippedCatalog.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors));

    private static System.Net.Http.Headers.HttpRequestHeaders Headers(UpstreamProvider provider)
    {
        var request = new HttpRequestMessage();
        provider.ApplyHeaders(request.Headers);
        return request.Headers;
    }
}
