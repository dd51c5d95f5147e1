using System.Text;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Catalog.Models.Shipped;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Tests.Catalog.Models.Shipped;

/// <summary>The catalog that ships in the assembly, and the checks every entry passes.</summary>
public sealed class ShippedCatalogTests
{
    private static readonly ShippedCatalog Catalog = ShippedCatalog.Default;

    [Fact]
    public void Default_EmbeddedCatalog_HasAtLeast150ModelsAcrossAtLeastTenPresets()
    {
        Assert.True(Catalog.Models.Count >= 150, $"{Catalog.Models.Count} models");
        Assert.True(Catalog.Models.Select(m => m.Preset).Distinct().Count() >= 10);
        Assert.True(ProviderPresets.All.Count >= 15);
    }

    [Fact]
    public void Default_EveryEntry_IsPricedDatedAndOnAKnownPresetThatServesIt()
    {
        Assert.All(Catalog.Models, model =>
        {
            var preset = ProviderPresets.Find(model.Preset);
            Assert.NotNull(preset);
            var needs = model.Kind == ModelKind.Embedding ? ProviderOperations.Embeddings : ProviderOperations.ChatCompletions;
            Assert.True(preset.Operations.HasFlag(needs), $"{model.Preset}/{model.Id}");
            Assert.True(model.Pricing.InputPerMillion > 0 || model.Pricing.OutputPerMillion > 0, $"{model.Id} is free");
            Assert.InRange(model.PriceDate, new DateOnly(2024, 1, 1), DateOnly.FromDateTime(DateTime.UtcNow));
            Assert.True(model.ContextLength > 0);
            Assert.True(model.MaxOutputTokens is null || model.MaxOutputTokens <= model.ContextLength, $"{model.Id}: max output above context");
            Assert.True(model.Kind == ModelKind.Embedding || model.MaxOutputTokens is not null, $"{model.Id}: a chat model states its max output");
        });
    }

    [Fact]
    public void Default_AnthropicModels_PriceOneHourCacheWritesAtTwiceTheInputAndWebSearchesAtTenDollarsAThousand() =>
        Assert.All(Catalog.ForPreset("anthropic"), model =>
        {
            Assert.Equal(model.Pricing.InputPerMillion * 2, model.Pricing.CacheWrite1hPerMillion);
            Assert.Equal(10_000_000_000, model.Pricing.WebSearchPerThousand);
        });

    [Fact]
    public void Default_Entries_HaveNoDuplicateIdWithinAPreset()
    {
        var duplicates = Catalog.Models.GroupBy(m => (m.Preset, m.Id)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Default_WellKnownModels_CarryTheirListPrices()
    {
        var gpt4oMini = Catalog.ForPreset("openai").Single(m => m.Id == "gpt-4o-mini");
        var haiku = Catalog.ForPreset("anthropic").Single(m => m.Id == "claude-haiku-4-5");
        var sonar = Catalog.ForPreset("perplexity").Single(m => m.Id == "sonar");
        var flash = Catalog.ForPreset("gemini").Single(m => m.Id == "gemini-2.5-flash");
        var search = Catalog.ForPreset("openai").Single(m => m.Id == "gpt-4o-search-preview");

        Assert.Equal(new ModelPricing(150_000_000, 600_000_000, 75_000_000), gpt4oMini.Pricing);
        Assert.Equal(
            new ModelPricing(1_000_000_000, 5_000_000_000, 100_000_000, 1_250_000_000) { CacheWrite1hPerMillion = 2_000_000_000, WebSearchPerThousand = 10_000_000_000 },
            haiku.Pricing);
        // Perplexity's fee for the search every request runs, and OpenAI's for its search model's, are search prices
        // (per 1,000), which a runtime price of tokens never drops; Gemini's audio input is priced above its text.
        Assert.Equal(new ModelPricing(1_000_000_000, 1_000_000_000) { WebSearchPerThousand = 12_000_000_000 }, sonar.Pricing);
        Assert.Equal(50_000_000_000, search.Pricing.WebSearchPerThousand);
        Assert.Equal(new ModelPricing(300_000_000, 2_500_000_000, 30_000_000) { InputAudioPerMillion = 1_000_000_000 }, flash.Pricing);
    }

    [Fact]
    public void Default_SearchingEndpoints_AllCarryASearchPrice() =>
        Assert.All(
            Catalog.ForPreset("perplexity").Concat(Catalog.ForPreset("openai")).Where(m => m.Id.Contains("search", StringComparison.Ordinal) || m.Preset == "perplexity"),
            m => Assert.NotNull(m.Pricing.WebSearchPerThousand));

    [Fact]
    public void Default_GeminiChatModels_AllCarryAnAudioPriceNoLowerThanTheirInput() =>
        // Gemini takes audio and video by URL on every chat model: one without an audio price would refuse them all.
        Assert.All(
            Catalog.ForPreset("gemini").Where(m => m.Kind == ModelKind.Chat),
            m => Assert.True(m.Pricing.InputAudioPerMillion >= m.Pricing.InputPerMillion, m.Id));

    [Fact]
    public void TryParse_BadEntries_ReportsEveryProblemWithItsEntry()
    {
        var json = """
            { "models": [
              { "model": "a", "preset": "nosuch", "contextLength": 10, "pricing": { "input": "1", "output": "1" }, "priceDate": "2026-01-01" },
              { "model": "b", "preset": "openai", "contextLength": 10, "maxOutputTokens": 20, "pricing": { "input": "1" }, "priceDate": "" },
              { "model": "c", "preset": "groq", "type": "embedding", "contextLength": 10, "pricing": { "input": "1", "output": "1" }, "priceDate": "2026-01-01" },
              { "model": "d", "preset": "openai", "contextLength": 10, "pricing": { "input": "1", "output": "1" }, "priceDate": "2026-01-01" },
              { "model": "d", "preset": "openai", "contextLength": 10, "pricing": { "input": "1", "output": "1" }, "priceDate": "2026-01-01" }
            ] }
            """;

        var catalog = ShippedCatalog.TryParse(Encoding.UTF8.GetBytes(json), out var errors);

        Assert.Null(catalog);
        Assert.Contains(errors, e => e.Contains("models[0]", StringComparison.Ordinal) && e.Contains("unknown preset 'nosuch'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("models[1]", StringComparison.Ordinal) && e.Contains("maxOutputTokens", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("models[1]", StringComparison.Ordinal) && e.Contains("'input' and 'output'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("models[1]", StringComparison.Ordinal) && e.Contains("priceDate", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("models[2]", StringComparison.Ordinal) && e.Contains("does not serve embedding", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("models[4]", StringComparison.Ordinal) && e.Contains("listed twice", StringComparison.Ordinal));
        Assert.Equal(6, errors.Count);
    }

    [Fact]
    public void TryParse_MisspeltField_IsRefused()
    {
        var json = """{ "models": [ { "model": "a", "preset": "openai", "contextLenght": 10 } ] }""";

        Assert.Null(ShippedCatalog.TryParse(Encoding.UTF8.GetBytes(json), out var errors));
        Assert.Contains("contextLenght", Assert.Single(errors), StringComparison.Ordinal);
    }
}
