using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Routing;

/// <summary>OpenRouter's per-request routing controls: every member of <c>provider</c>, the suffixes and <c>models</c>.</summary>
public sealed class ProviderPreferencesTests(RoutingFixture gateway) : IClassFixture<RoutingFixture>
{
    private static string Chat(string model, string extra = "") =>
        $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}],"max_tokens":50{{extra}}}""";

    [Theory]
    [InlineData("pref-only", ""","provider":{"only":["backup"]}""", "backup")]
    [InlineData("pref-ignore", ""","provider":{"ignore":["primary"]}""", "backup")]
    [InlineData("pref-order", ""","provider":{"order":["backup","primary"]}""", "backup")]
    [InlineData("pricy-first", ""","provider":{"sort":"price"}""", "backup")]
    [InlineData("pricy-first:floor", "", "backup")]
    [InlineData("pricy-first", "", "primary")]
    [InlineData("private", ""","provider":{"zdr":true}""", "backup")]
    [InlineData("private", ""","provider":{"data_collection":"deny"}""", "backup")]
    [InlineData("retaining", ""","provider":{"data_collection":"deny"}""", "primary")]
    public async Task Chat_WithPreferences_GoesToTheEndpointTheyChoose(string model, string preferences, string expected)
    {
        gateway.ResetUpstreams();

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat(model, preferences));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Headers.GetValues("x-tollway-provider").Single());
    }

    [Fact]
    public async Task Chat_PinnedWithoutFallbacks_FailsRatherThanUseAnotherProvider()
    {
        gateway.ResetUpstreams();
        gateway.Upstream.SetDefault(UpstreamFault.WithStatus(503));
        try
        {
            using var response = await gateway.PostAsync("/v1/chat/completions",
                Chat("pref-pinned", ""","provider":{"order":["primary"],"allow_fallbacks":false}"""));

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal(0, gateway.Backup.RequestCount);
        }
        finally
        {
            gateway.Upstream.SetDefault(null);
        }
    }

    [Fact]
    public async Task Chat_MaxPriceBelowTheBackup_NeverFallsBackToIt()
    {
        gateway.ResetUpstreams();
        gateway.Upstream.SetDefault(UpstreamFault.WithStatus(503));
        try
        {
            using var response = await gateway.PostAsync("/v1/chat/completions",
                Chat("pref-max", ""","provider":{"max_price":{"prompt":1.5,"completion":"1.5"}}"""));

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal(0, gateway.Backup.RequestCount);
        }
        finally
        {
            gateway.Upstream.SetDefault(null);
        }
    }

    [Theory]
    [InlineData("retaining", ""","provider":{"zdr":true}""")]
    [InlineData("pref-only", ""","provider":{"only":["nobody"]}""")]
    [InlineData("tools-split", ""","provider":{"only":["primary"]},"tools":[{"type":"function","function":{"name":"f","parameters":{}}}]""")]
    [InlineData("pref-only", ""","provider":{"require_parameters":true},"tools":[{"type":"function","function":{"name":"f","parameters":{}}}]""")]
    public async Task Chat_NoEndpointMeetsTheRequirements_FailsClosedWithoutAnyCall(string model, string extra)
    {
        gateway.ResetUpstreams();

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat(model, extra));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no_endpoint_available", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount + gateway.Backup.RequestCount);
    }

    [Fact]
    public async Task Chat_ToolsToAModelWithAToolLessEndpoint_SkipsThatEndpoint()
    {
        gateway.ResetUpstreams();

        using var response = await gateway.PostAsync("/v1/chat/completions",
            Chat("tools-split", ""","tools":[{"type":"function","function":{"name":"get_weather","parameters":{}}}]"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("backup", response.Headers.GetValues("x-tollway-provider").Single());
    }

    [Fact]
    public async Task Chat_ImageToAModelWithATextOnlyEndpoint_SkipsThatEndpoint()
    {
        gateway.ResetUpstreams();
        const string body = """{"model":"vision-split","messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}],"max_tokens":50}""";

        using var response = await gateway.PostAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("backup", response.Headers.GetValues("x-tollway-provider").Single());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task Chat_ModelsFallbackList_IsBilledForTheModelThatAnswered()
    {
        gateway.ResetUpstreams();

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("dead-only", ""","models":["fallback"]"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var charge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal("fallback", charge!.Model);
        Assert.Equal("backup", charge.Provider);
    }

    [Theory]
    [InlineData("", "auto-cheap")]
    [InlineData(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{}}}]", "auto-dear")]
    [InlineData(",\"max_completion_tokens\":500", "auto-dear")]
    public async Task Chat_Auto_PicksTheCheapestModelThatCanServeTheRequest(string extra, string expectedModel)
    {
        gateway.ResetUpstreams();

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("auto", extra));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var charge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal(expectedModel, charge!.Model);
    }

    [Fact]
    public async Task Chat_ModelAlias_IsServedAndBilledAsTheModelItNames()
    {
        gateway.ResetUpstreams();

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("fallback-latest"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fallback", (await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response)))!.Model);
    }

    [Fact]
    public async Task Chat_RoutingMembers_AreNotSentUpstream()
    {
        gateway.ResetUpstreams();

        using var response = await gateway.PostAsync("/v1/chat/completions",
            Chat("pref-only", ""","models":["fallback"],"provider":{"only":["backup"]},"seed":3"""));

        var sent = Assert.Single(gateway.Backup.Requests).ParseBody().RootElement;
        Assert.False(sent.TryGetProperty("models", out _));
        Assert.False(sent.TryGetProperty("provider", out _));
        Assert.Equal(3, sent.GetProperty("seed").GetInt32());
    }

    [Theory]
    [InlineData(""","provider":{"sort":"cheapest"}""")]
    [InlineData(""","provider":{"data_collection":"maybe"}""")]
    [InlineData(",\"provider\":\"backup\"")]
    [InlineData(",\"models\":\"fallback\"")]
    public async Task Chat_InvalidRoutingMembers_Answer400(string extra)
    {
        gateway.ResetUpstreams();

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("duo", extra));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, gateway.Upstream.RequestCount + gateway.Backup.RequestCount);
    }
}
