using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.Proxy;

/// <summary>
/// Names a client chooses are bounded before they reach a log row, an error message or a routing loop: a megabyte of
/// model name is a 400 naming <c>model</c> (not a 404 quoting it, nor a megabyte row in the request log), and a
/// <c>models</c> fallback list past its limit is a 400 naming <c>models</c>.
/// </summary>
public sealed class RequestLimitsTests(BoundedGatewayFixture gateway) : IClassFixture<BoundedGatewayFixture>
{
    private static readonly string HugeModel = new('m', 1024 * 1024);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"{0}","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("/v1/completions", """{"model":"{0}","prompt":"hi"}""")]
    [InlineData("/v1/embeddings", """{"model":"{0}","input":"hi"}""")]
    public async Task Post_MegabyteModelName_Answers400NamingModelAndLogsNoneOfIt(string path, string template)
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync(path, template.Replace("{0}", HugeModel, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.True(error.GetProperty("message").GetString()!.Length < 100);
        var row = await RequestLogRows.WaitForAsync(gateway, Books.RequestId(response));
        Assert.Null(row["model"]);
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Theory]
    [InlineData("/v1/messages", """{"model":"{0}","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("/v1/messages/count_tokens", """{"model":"{0}","messages":[{"role":"user","content":"hi"}]}""")]
    public async Task PostMessages_MegabyteModelName_Answers400InAnthropicsShape(string path, string template)
    {
        using var response = await AnthropicSdk.PostAsync(gateway, path, template.Replace("{0}", HugeModel, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.True(error.GetProperty("message").GetString()!.Length < 100);
    }

    [Fact]
    public async Task Post_FallbackListPastTheLimit_Answers400NamingModels()
    {
        gateway.Upstream.Reset();
        var models = string.Join(',', Enumerable.Range(0, 65).Select(i => $"\"fallback-{i}\""));

        using var response = await gateway.PostAsync("/v1/chat/completions", $$"""{"model":"gpt-4o-mini","models":[{{models}}],"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("models", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("param").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }
}
