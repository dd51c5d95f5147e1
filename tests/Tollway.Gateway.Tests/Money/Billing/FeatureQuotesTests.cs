using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>Which priced features reach an endpoint, and the quote they are billed at (or the parameter refused).</summary>
public sealed class FeatureQuotesTests
{
    private static readonly ModelPricing Base = new(1_000_000_000, 2_000_000_000);

    private static readonly PricedFeatures All = new(PriorityTier: true, CacheWrites1h: true, MaxWebSearches: 5, ServerSideTools: true);

    private static readonly ProviderTimeouts Timeouts = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    private static readonly Dictionary<string, UpstreamProvider> Providers = new[]
    {
        ProviderPresets.OpenAi, ProviderPresets.Anthropic, ProviderPresets.Gemini, ProviderPresets.Perplexity, ProviderPresets.OpenRouter,
    }.ToDictionary(p => p, p => new UpstreamProvider(p, ProviderPresets.Find(p)!, new Uri($"http://{p}.invalid/v1"), null, null, new Dictionary<string, string>(), Timeouts));

    [Fact]
    public void Reaching_AnthropicClientOnAnAnthropicProvider_GetsItsServerToolsAndCacheLifetimesNoTier() =>
        Assert.Equal(
            new PricedFeatures(false, true, 5, true, SearchParam: "tools"),
            FeatureQuotes.Reaching(All, Endpoint(ProviderPresets.Anthropic, "claude-sonnet-4-5"), WireFormat.Anthropic));

    [Fact]
    public void Reaching_TranslatedToAnthropic_CarriesOnlyCacheLifetimes() =>
        Assert.Equal(new PricedFeatures(false, true, 0, false), FeatureQuotes.Reaching(All, Endpoint(ProviderPresets.Anthropic, "claude-sonnet-4-5"), WireFormat.OpenAi));

    [Fact]
    public void Reaching_OpenAiFormat_CarriesTheTierAndCacheLifetimes() =>
        Assert.Equal(new PricedFeatures(true, true, 0, false), FeatureQuotes.Reaching(All, Endpoint(ProviderPresets.OpenAi, "gpt-4o"), WireFormat.OpenAi));

    [Fact]
    public void Reaching_Gemini_CarriesNone() =>
        Assert.Equal(default, FeatureQuotes.Reaching(All, Endpoint(ProviderPresets.Gemini, "gemini-2.5-flash"), WireFormat.OpenAi));

    [Theory]
    [InlineData(ProviderPresets.OpenAi, "gpt-4o", 3, "plugins")]
    [InlineData(ProviderPresets.OpenRouter, "meta-llama/llama-3.3-70b-instruct", 3, "plugins")]
    [InlineData(ProviderPresets.Gemini, "gemini-2.5-flash", 0, null)]
    [InlineData(ProviderPresets.Anthropic, "claude-sonnet-4-5", 0, null)]
    public void Reaching_ChatSearches_ReachOnlyAnOpenAiFormatBody(string preset, string model, int searches, string? param)
    {
        var reached = FeatureQuotes.Reaching(new PricedFeatures(ChatWebSearches: 3, SearchParam: "plugins"), Endpoint(preset, model), WireFormat.OpenAi);

        Assert.Equal((searches, param), (reached.MaxWebSearches, reached.SearchParam));
    }

    [Theory]
    [InlineData(ProviderPresets.Perplexity, "sonar", 1)]
    [InlineData(ProviderPresets.OpenAi, "gpt-4o-mini-search-preview", 1)]
    [InlineData(ProviderPresets.OpenAi, "gpt-5-search-api", 1)]
    [InlineData(ProviderPresets.OpenRouter, "perplexity/sonar-pro", 1)]
    [InlineData(ProviderPresets.OpenRouter, "openai/gpt-4o-search-preview", 1)]
    [InlineData(ProviderPresets.OpenRouter, "meta-llama/llama-3.3-70b-instruct:online", 5)]
    public void Reaching_EndpointThatSearchesEveryRequest_BillsItsSearchesUnasked(string preset, string model, int searches)
    {
        var reached = FeatureQuotes.Reaching(default, Endpoint(preset, model), WireFormat.Anthropic);

        Assert.Equal((searches, "model"), (reached.MaxWebSearches, reached.SearchParam));
    }

    [Fact]
    public void Reaching_MoreResultsAskedThanTheEndpointsOwn_AreBilledNamingTheirMember()
    {
        var reached = FeatureQuotes.Reaching(
            new PricedFeatures(ChatWebSearches: 8, SearchParam: "plugins"), Endpoint(ProviderPresets.OpenRouter, "qwen/qwen3-coder:online"), WireFormat.OpenAi);

        Assert.Equal((8, "plugins"), (reached.MaxWebSearches, reached.SearchParam));
    }

    [Theory]
    [InlineData(ProviderPresets.OpenRouter, true)]
    [InlineData(ProviderPresets.OpenAi, false)]
    [InlineData(ProviderPresets.Gemini, false)]
    public void Reaching_DocumentsForTheDefaultParser_MatterOnlyAtOpenRouter(string preset, bool reaches) =>
        Assert.Equal(reaches, FeatureQuotes.Reaching(new PricedFeatures(DefaultPdfParsing: true), Endpoint(preset, "m"), WireFormat.OpenAi).DefaultPdfParsing);

    [Fact]
    public void Reaching_Audio_ReachesEveryDialect() =>
        Assert.All(
            Providers.Keys,
            preset => Assert.True(FeatureQuotes.Reaching(new PricedFeatures(Audio: true), Endpoint(preset, "m"), WireFormat.OpenAi).Audio));

    [Theory]
    [InlineData(true, false, 0, null, false, false, "service_tier")]
    [InlineData(false, true, 0, null, false, false, "cache_control")]
    [InlineData(false, false, 3, null, false, false, "tools")]
    [InlineData(false, false, 1, "web_search_options", false, false, "web_search_options")]
    [InlineData(false, false, 5, "model", false, false, "model")]
    [InlineData(false, false, 0, null, true, false, "messages")]
    [InlineData(false, false, 0, null, false, true, "plugins")]
    public void Price_FeatureWithoutAPrice_NamesItsParameter(
        bool priority, bool hour, int searches, string? searchParam, bool audio, bool defaultPdf, string param)
    {
        var features = new PricedFeatures(priority, hour, searches, Audio: audio, SearchParam: searchParam, DefaultPdfParsing: defaultPdf);

        var (quote, unpriced) = FeatureQuotes.Price(new PriceQuote(Base, 0, 1), Base, features);

        Assert.Null(quote);
        Assert.Equal((400, param, "feature_not_priced"), (unpriced!.Status, unpriced.Param, unpriced.Code));
    }

    [Fact]
    public void Price_DocumentsForTheDefaultParser_AreRefusedWhateverIsPriced()
    {
        var everything = Base with { WebSearchPerThousand = 1, InputAudioPerMillion = 1, CacheWrite1hPerMillion = 1 };

        Assert.Null(FeatureQuotes.Price(new PriceQuote(everything, 0, 1), everything, new PricedFeatures(DefaultPdfParsing: true)).Quote);
    }

    [Fact]
    public void Price_PriorityTier_BillsAtItsRates()
    {
        var priority = new ModelPricing(2_000_000_000, 4_000_000_000);
        var listed = new PriceQuote(Base with { Priority = priority }, 50_000, 7);

        var (quote, _) = FeatureQuotes.Price(listed, listed.Pricing, new PricedFeatures(PriorityTier: true));

        Assert.Equal(new PriceQuote(priority, 50_000, 7), quote);
    }

    [Fact]
    public void Price_RuntimePrice_TakesTheFeaturePricesOfTheConfiguredOne()
    {
        var configured = Base with { CacheWrite1hPerMillion = 2_000_000_000, WebSearchPerThousand = 10_000_000_000, InputAudioPerMillion = 3_000_000_000 };
        var runtime = new PriceQuote(new ModelPricing(1_500_000_000, 3_000_000_000), 0, 9);

        var (quote, _) = FeatureQuotes.Price(runtime, configured, new PricedFeatures(CacheWrites1h: true, MaxWebSearches: 1, Audio: true));

        Assert.Equal(
            runtime.Pricing with { CacheWrite1hPerMillion = 2_000_000_000, WebSearchPerThousand = 10_000_000_000, InputAudioPerMillion = 3_000_000_000 },
            quote!.Pricing);
    }

    [Fact]
    public void Price_RuntimeRatesAboveTheConfiguredFeatureRates_BillTheFeatureAtTheRatesInForce()
    {
        // The runtime price raised input to $4/M and output to $8/M, the request fee to $0.01: a feature never bills the
        // same tokens for less, whatever was configured for it before.
        var configured = Base with
        {
            InputAudioPerMillion = 3_000_000_000,
            CacheWrite1hPerMillion = 2_000_000_000,
            Priority = new ModelPricing(2_000_000_000, 4_000_000_000),
        };
        var runtime = new PriceQuote(new ModelPricing(4_000_000_000, 8_000_000_000, RequestFee: 10_000_000), 0, 9);

        var (quote, _) = FeatureQuotes.Price(runtime, configured, new PricedFeatures(PriorityTier: true, CacheWrites1h: true, Audio: true));

        Assert.Equal(
            new ModelPricing(4_000_000_000, 8_000_000_000, RequestFee: 10_000_000) { CacheWrite1hPerMillion = 4_000_000_000, InputAudioPerMillion = 4_000_000_000 },
            quote!.Pricing);
    }

    [Fact]
    public void Price_NoFeatures_KeepsTheQuote()
    {
        var listed = new PriceQuote(Base, 0, 1);

        Assert.Same(listed, FeatureQuotes.Price(listed, Base, default).Quote);
    }

    private static ModelEndpoint Endpoint(string preset, string upstreamModel) => new(Providers[preset], upstreamModel, Base, null, null);
}
