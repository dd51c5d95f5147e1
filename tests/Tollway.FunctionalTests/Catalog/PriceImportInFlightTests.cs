using System.Net;
using System.Net.Http.Headers;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Catalog;

/// <summary>A price import while a request streams: the request is charged at the price it was quoted, later ones at the new one.</summary>
public sealed class PriceImportInFlightTests(CatalogFixture gateway) : IClassFixture<CatalogFixture>
{
    /// <summary>A LiteLLM price map that makes gpt-4o twice as dear as the shipped price.</summary>
    private const string DearerGpt4o = """
        { "gpt-4o": { "input_cost_per_token": 5e-06, "output_cost_per_token": 2e-05, "litellm_provider": "openai", "mode": "chat" } }
        """;

    [Fact]
    public async Task Import_WhileARequestStreams_ChargesThatRequestAtTheQuotedPrice()
    {
        var ct = TestContext.Current.CancellationToken;
        var (key, _, _) = await gateway.CreateFundedKeyAsync("import in flight", "5");
        var before = await ChargeOfAsync(key);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Upstream.Enqueue(UpstreamFault.HoldStreamUntil(release) with { Usage = new UpstreamUsage(1000, 0) });

        using var response = await gateway.PostAsync("/v1/chat/completions", ChatBodies.LargePrompt("gpt-4o", stream: true, streamUsage: true), key, stream: true);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ct));
        Assert.NotNull(await reader.ReadDataAsync(ct));
        Assert.Equal(HttpStatusCode.OK, await ImportAsync(DearerGpt4o));
        release.SetResult();
        await reader.ReadAllAsync(ct);

        var inFlight = await Infrastructure.Billing.WaitForChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal(before, inFlight.Total);
        Assert.True(await ChargeOfAsync(key) > before, "the import did not take effect for requests after it");
    }

    private async Task<long> ChargeOfAsync(string key)
    {
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(1000, 0)));
        using var response = await gateway.PostAsync("/v1/chat/completions", ChatBodies.LargePrompt("gpt-4o"), key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Infrastructure.Billing.WaitForChargeAsync(gateway, Infrastructure.Billing.RequestId(response))).Total;
    }

    private async Task<HttpStatusCode> ImportAsync(string file)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUrl, "/admin/v1/models/import"))
        {
            Content = new StringContent(file, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.AdminKey);
        using var response = await gateway.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
