using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Money.Pricing.Import;
using Tollway.Gateway.Tests.Platform.Configuration;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Testing.PriceFiles;

namespace Tollway.Gateway.Tests.Money.Pricing.Import;

/// <summary>The sample files over the shipped catalog of an <c>openai</c> and an <c>openrouter</c> provider.</summary>
public sealed class PriceImportPlannerTests : IDisposable
{
    private readonly Gateway.Upstream.Providers.ProviderRegistry _providers;
    private readonly ModelCatalog _catalog;

    public PriceImportPlannerTests()
    {
        var options = new CatalogSources();
        options.Providers["openai"] = new ProviderOptions { ApiKey = "k" };
        options.Providers["router"] = new ProviderOptions { Preset = "openrouter", ApiKey = "k" };
        _providers = CatalogBuilder.BuildProviders(options.Providers, new FakeEnvironmentVariables());
        _catalog = CatalogBuilder.BuildCatalog(options, _providers, DateTimeOffset.UnixEpoch);
    }

    public void Dispose() => _providers.Dispose();

    [Fact]
    public void Plan_OpenRouterSample_ChangesTheRouterEndpointAndSaysWhyItSkipsTheRest()
    {
        var plan = PriceImportPlanner.Plan(Read(SamplePriceFiles.OpenRouterPath), _catalog, EmptyBook);

        Assert.Equal(PriceFileFormat.OpenRouter, plan.Format);
        var change = Assert.Single(plan.Changes);
        Assert.Equal(("openai/gpt-4o-mini", "router"), (change.Model, change.Provider));
        Assert.Equal(new ModelPricing(150_000_000, 600_000_000, 75_000_000), change.Old);
        // A zero reasoning rate means "billed as completion", never free.
        Assert.Equal(new ModelPricing(200_000_000, 800_000_000, 100_000_000), change.New);
        Assert.Equal(1, plan.Unchanged);
        Assert.Equal(
            [
                ("openai/gpt-5.5", "prices rise above 272000 prompt tokens and openai/gpt-5.5 on router accepts longer prompts"),
                ("mistralai/mistral-nova-2611", "no endpoint in the catalog serves openrouter model 'mistralai/mistral-nova-2611'"),
                ("anthropic/claude-sonnet-4", "pricing.prompt '3 dollars' is not a decimal number"),
                ("openrouter/auto", "pricing.prompt is negative ('-1')"),
            ],
            plan.Skipped.Select(s => (s.SourceId, Shorten(s.Reason))));
    }

    [Fact]
    public void Plan_LiteLlmSample_MatchesByProviderAndIdAndReadsExponentNumbersExactly()
    {
        var plan = PriceImportPlanner.Plan(Read(SamplePriceFiles.LiteLlmPath), _catalog, EmptyBook);

        Assert.Equal(PriceFileFormat.LiteLlm, plan.Format);
        Assert.Equal(
            [
                ("gpt-4o", "openai", new ModelPricing(2_000_000_000, 8_000_000_000, 1_000_000_000)),
                ("text-embedding-3-small", "openai", new ModelPricing(10_000_000, 0)),
                ("openai/gpt-4o-mini", "router", new ModelPricing(150_000_000, 600_000_000)),
            ],
            plan.Changes.Select(c => (c.Model, c.Provider, c.New)));
        Assert.Equal(1, plan.Unchanged);
        Assert.Equal(
            [
                ("gpt-5.5", "prices rise above 272000 prompt tokens and gpt-5.5 on openai accepts longer prompts"),
                ("claude-sonnet-9-20270101", "no endpoint in the catalog serves anthropic model 'claude-sonnet-9-20270101'"),
                ("gpt-4.1-nano", "input_cost_per_token 'cheap' is not a decimal number"),
                ("gpt-4.1-mini", "input_cost_per_token '4e-22' is finer than a nano-dollar per million tokens"),
                ("dall-e-3", "mode 'image_generation' is not served by Tollway"),
                ("vertex_ai/gemini-2.5-pro", "provider 'vertex_ai-language-models' has no Tollway preset"),
            ],
            plan.Skipped.Select(s => (s.SourceId, Shorten(s.Reason))));
    }

    [Fact]
    public void Plan_SameFileOverItsOwnResult_ChangesNothing()
    {
        var file = Read(SamplePriceFiles.LiteLlmPath);
        var first = PriceImportPlanner.Plan(file, _catalog, EmptyBook);
        var applied = new PriceBook(
            new PricingSettings(1, [.. first.Changes.Select(c => new PriceOverride(c.Model, c.Provider, c.New, new DateOnly(2026, 11, 26)))], []), 0);

        var second = PriceImportPlanner.Plan(file, _catalog, applied);

        Assert.Empty(second.Changes);
        Assert.Equal(first.Changes.Count + first.Unchanged, second.Unchanged);
        Assert.Equal(first.Skipped, second.Skipped);
    }

    [Fact]
    public void Plan_FileWithoutRequestFees_KeepsTheFeeInForce()
    {
        var json = """{ "sonar": { "litellm_provider": "perplexity", "mode": "chat", "input_cost_per_token": 2e-06, "output_cost_per_token": 2e-06 } }"""u8;
        var options = new CatalogSources();
        options.Providers["perplexity"] = new ProviderOptions { ApiKey = "k", ShippedModels = false };
        options.Models["sonar"] = new ModelOptions
        {
            Endpoints = [new ModelEndpointOptions { Provider = "perplexity", Pricing = new PricingOptions { Input = "1", Output = "1", Request = "0.012" } }],
        };
        using var providers = CatalogBuilder.BuildProviders(options.Providers, new FakeEnvironmentVariables());
        var catalog = CatalogBuilder.BuildCatalog(options, providers, DateTimeOffset.UnixEpoch);

        var change = Assert.Single(PriceImportPlanner.Plan(PriceFileReader.TryRead(json.ToArray(), out _)!, catalog, EmptyBook).Changes);

        Assert.Equal(12_000_000, change.Old!.RequestFee);
        Assert.Equal(new ModelPricing(2_000_000_000, 2_000_000_000, RequestFee: 12_000_000), change.New);
    }

    [Fact]
    public void Plan_ModelTwiceInOneFile_KeepsTheFirstAndSkipsTheSecond()
    {
        var json = """
            { "data": [
              { "id": "openai/gpt-4o", "pricing": { "prompt": "0.000002", "completion": "0.000008" } },
              { "id": "openai/gpt-4o", "pricing": { "prompt": "0.000003", "completion": "0.000009" } }
            ] }
            """u8;

        var plan = PriceImportPlanner.Plan(PriceFileReader.TryRead(json.ToArray(), out _)!, _catalog, EmptyBook);

        Assert.Equal(2_000_000_000, Assert.Single(plan.Changes).New.InputPerMillion);
        Assert.Contains("already priced by 'openai/gpt-4o'", Assert.Single(plan.Skipped).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{ \"models\": [] }")]
    [InlineData("{ not json")]
    public void TryRead_NeitherFormat_SaysSo(string content)
    {
        Assert.Null(PriceFileReader.TryRead(System.Text.Encoding.UTF8.GetBytes(content), out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    private static PriceBook EmptyBook { get; } = new(PricingSettings.Empty, 0);

    private static PriceFile Read(string path) =>
        PriceFileReader.TryRead(File.ReadAllBytes(path), out var error) ?? throw new InvalidOperationException(error);

    /// <summary>The reason up to its first ';' (the advice after it is not what the test is about).</summary>
    private static string Shorten(string reason) => reason.Split(';')[0].Split(':')[0];
}
