using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Catalog.Models.Shipped;
using Tollway.Gateway.Wire;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Catalog;

/// <summary>A provider configured with only its preset and key serves the shipped models, priced, listed and billed.</summary>
public sealed class ShippedCatalogTests(CatalogFixture gateway) : IClassFixture<CatalogFixture>
{
    [Fact]
    public async Task GetModels_ShippedModel_HasItsPricesLimitsCapabilitiesAndPriceDate()
    {
        var data = await ModelsAsync(gateway);

        var model = data.Single(m => m.GetProperty("id").GetString() == "gpt-4.1");
        Assert.Equal("openai", model.GetProperty("owned_by").GetString());
        Assert.Equal("GPT-4.1", model.GetProperty("name").GetString());
        Assert.Equal(1047576, model.GetProperty("context_length").GetInt32());
        var pricing = model.GetProperty("pricing");
        Assert.Equal(("0.000002", "0.000008", "0.0000005"),
            (pricing.GetProperty("prompt").GetString(), pricing.GetProperty("completion").GetString(), pricing.GetProperty("input_cache_read").GetString()));
        Assert.Equal(32768, model.GetProperty("top_provider").GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("2026-08-21", model.GetProperty("price_date").GetString());
        Assert.Contains("image", model.GetProperty("architecture").GetProperty("input_modalities").EnumerateArray().Select(e => e.GetString()));
        var parameters = model.GetProperty("supported_parameters").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("tools", parameters);
        Assert.Contains("structured_outputs", parameters);
        Assert.DoesNotContain("reasoning", parameters);
    }

    [Fact]
    public async Task GetModels_ShippedAndConfigured_ListsBothWithTheConfiguredModelWinningItsId()
    {
        var data = await ModelsAsync(gateway);
        var ids = data.Select(m => m.GetProperty("id").GetString()!).ToList();

        var shipped = ShippedCatalog.Default.Models.Where(m => m.Preset is "openai" or "openrouter").Select(m => m.Id).ToHashSet();
        Assert.Superset(shipped.Where(id => id != "gpt-4o-mini" && id != "text-embedding-3-small").ToHashSet(), ids.ToHashSet());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // The fixture configures gpt-4o-mini itself: that one wins, served by its own provider with no price date.
        var configured = data.Single(m => m.GetProperty("id").GetString() == "gpt-4o-mini");
        Assert.Equal("fake", configured.GetProperty("owned_by").GetString());
        Assert.Equal(JsonValueKind.Null, configured.GetProperty("price_date").ValueKind);
    }

    [Fact]
    public async Task Chat_ShippedModel_IsServedAndBilledAtItsShippedPrice()
    {
        var (key, _, _) = await gateway.CreateFundedKeyAsync("shipped", "1");
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 1000, CompletionTokens: 500, CachedTokens: 800)));

        using var response = await gateway.PostAsync("/v1/chat/completions",
            """{"model":"gpt-4.1","messages":[{"role":"user","content":"hi"}],"max_tokens":1000}""", key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("usage");
        // 200 × $2/M + 800 cached × $0.50/M + 500 × $8/M = $0.0048.
        Assert.True(UsdAmount.TryParseNanos(usage.GetProperty("cost").GetRawText(), out var cost));
        Assert.Equal(4_800_000, cost);
        Assert.Equal("openai", response.Headers.GetValues("x-tollway-provider").Single());
    }

    public static async Task<List<JsonElement>> ModelsAsync(GatewayFixture gateway)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseUrl, "/v1/models"));
        request.Headers.Authorization = new("Bearer", gateway.UserKey);
        using var response = await gateway.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data").EnumerateArray()];
    }
}
