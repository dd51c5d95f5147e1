using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Embeddings;
using OpenAI.Models;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.OpenAi;

/// <summary><c>/v1/models</c>, <c>/v1/embeddings</c>, <c>/v1/completions</c> and the Azure preset, end to end.</summary>
public sealed class ModelsAndEmbeddingsTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task GetModels_WithTheSdk_ListsTheConfiguredModels()
    {
        OpenAIModelCollection models = await SdkClients.OpenAi(gateway).GetOpenAIModelClient().GetModelsAsync(TestContext.Current.CancellationToken);

        Assert.Contains(models, m => m.Id == "gpt-4o-mini" && m.OwnedBy == "fake");
        Assert.Contains(models, m => m.Id == "text-embedding-3-small");
        Assert.Equal(8, models.Count);
    }

    [Fact]
    public async Task GetModels_RawJson_HasOpenRouterPricingAndContextLength()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseUrl, "/v1/models"));
        request.Headers.Authorization = new("Bearer", gateway.UserKey);
        using var response = await gateway.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data");

        var model = data.EnumerateArray().Single(m => m.GetProperty("id").GetString() == "gpt-4o-mini");
        Assert.Equal(128000, model.GetProperty("context_length").GetInt32());
        Assert.Equal("0.00000015", model.GetProperty("pricing").GetProperty("prompt").GetString());
        Assert.Equal("0.0000006", model.GetProperty("pricing").GetProperty("completion").GetString());
        Assert.Equal("0.000000075", model.GetProperty("pricing").GetProperty("input_cache_read").GetString());
        Assert.Equal(16384, model.GetProperty("top_provider").GetProperty("max_completion_tokens").GetInt32());
    }

    [Fact]
    public async Task GetModels_KeyWithAllowList_SeesOnlyItsModels()
    {
        var key = await gateway.CreateUserKeyAsync("one model", "gpt-4o-mini");

        OpenAIModelCollection models = await SdkClients.OpenAi(gateway, key).GetOpenAIModelClient().GetModelsAsync(TestContext.Current.CancellationToken);

        Assert.Equal("gpt-4o-mini", Assert.Single(models).Id);
    }

    [Fact]
    public async Task GetModels_NoKey_Answers401()
    {
        using var response = await gateway.Http.GetAsync(new Uri(gateway.BaseUrl, "/v1/models"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GenerateEmbeddings_WithTheSdk_ReturnsTheUpstreamVectors()
    {
        var client = SdkClients.OpenAi(gateway).GetEmbeddingClient("text-embedding-3-small");

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(["alpha", "beta"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(Tollway.Testing.Upstreams.FakeEmbedding.For("alpha"), embeddings[0].ToFloats().ToArray());
        Assert.Equal(Tollway.Testing.Upstreams.FakeEmbedding.For("beta"), embeddings[1].ToFloats().ToArray());
    }

    [Fact]
    public async Task Completions_Legacy_ReturnsTextCompletion()
    {
        using var response = await gateway.PostAsync("/v1/completions", """{"model":"gpt-4o-mini","prompt":"Say hello","max_tokens":16}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        Assert.Equal("Hello from the fake upstream.", body.GetProperty("choices")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task ChatCompletions_AzureModel_UsesDeploymentPathApiVersionAndApiKeyHeader()
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"azure-gpt","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(gateway.Upstream.Requests);
        Assert.Equal("/openai/deployments/my-deployment/chat/completions", sent.Path);
        Assert.Equal("?api-version=2024-10-21", sent.QueryString);
        Assert.Equal(GatewayFixture.AzureApiKey, sent.Headers["api-key"]);
        Assert.False(sent.Headers.ContainsKey("Authorization"));
        Assert.Equal("my-deployment", sent.ParseBody().RootElement.GetProperty("model").GetString());
    }
}
