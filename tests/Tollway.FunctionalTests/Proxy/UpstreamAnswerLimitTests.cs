using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.Proxy;

/// <summary>
/// A non-streamed answer is read whole (for its usage, and to translate it), so it is bounded by
/// <c>server.maxUpstreamResponseBytes</c> (64 KiB in this fixture): past it the client gets a 502
/// <c>upstream_response_too_large</c> in its own format, whether the provider declared the length or sent it chunked,
/// and a declared length over the limit is refused before any of it is read or reserved. Such an answer, or one that
/// broke off, was generated and billed by the provider all the same, and its usage cannot be read: it is charged its
/// worst case at that endpoint, as a timeout is, and not tried again.
/// </summary>
public sealed class UpstreamAnswerLimitTests(BoundedGatewayFixture gateway) : IClassFixture<BoundedGatewayFixture>
{
    private const string Chat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Framings() => ["exact", "chunked"];

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Post_AnswerOverTheLimit_Answers502TooLargeAndChargesItsWorstCase(string framing)
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("big answers " + framing, "1");
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(new UpstreamFault
        {
            Body = LargeCompletion(BoundedGatewayFixture.MaxUpstreamResponseBytes + 1),
            BodyFraming = framing == "chunked" ? UpstreamBodyFraming.Chunked : null,
        });

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat, key);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_response_too_large", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        await AssertChargedTheWorstCaseOnceAsync(response, accountId);
    }

    [Fact]
    public async Task Post_AnswerBrokeOffMidway_Answers502AndChargesItsWorstCase()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("broken answers", "1");
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(new UpstreamFault { Body = LargeCompletion(4096)[..2048], BodyFraming = UpstreamBodyFraming.BreakingOffAt(4096) });

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat, key);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_error", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        await AssertChargedTheWorstCaseOnceAsync(response, accountId);
    }

    [Fact]
    public async Task Post_DeclaredLengthOverTheLimit_IsRefusedAtOnceWithoutWaitingForTheBody()
    {
        // Declares 10 GB, sends a few bytes and hangs: the answer is refused on its headers, not read until the
        // provider's total timeout (1.5 s for trickle-model, which would then be a 504).
        gateway.Upstream.Enqueue(new UpstreamFault { Body = "{\"id\":", BodyFraming = UpstreamBodyFraming.Declaring(10_000_000_000) });

        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"trickle-model","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_response_too_large", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task PostMessages_AnswerOverTheLimit_Answers502InAnthropicsShape()
    {
        gateway.Upstream.Enqueue(new UpstreamFault { Body = LargeCompletion(BoundedGatewayFixture.MaxUpstreamResponseBytes + 1), BodyFraming = UpstreamBodyFraming.Chunked });

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", """{"model":"gpt-4o-mini","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("api_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("more than the 65536 bytes", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AnswerAtTheLimit_IsServed()
    {
        gateway.Upstream.Enqueue(new UpstreamFault { Body = LargeCompletion(BoundedGatewayFixture.MaxUpstreamResponseBytes), BodyFraming = UpstreamBodyFraming.Chunked });

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The answer's charge is the request's worst case at the endpoint (all of gpt-4o-mini's 16,384 output
    /// tokens, estimated), told in the cost header, and the provider was called once.</summary>
    private async Task AssertChargedTheWorstCaseOnceAsync(HttpResponseMessage response, string accountId)
    {
        var charge = await Books.ChargeAsync(gateway, Books.RequestId(response));
        Assert.NotNull(charge);
        Assert.True(charge.Estimated);
        Assert.Equal(16_384, charge.CompletionTokens);
        Assert.Equal(1_000_000_000 - charge.Total, await Books.BalanceAsync(gateway, accountId));
        Assert.Equal(Tollway.Gateway.Wire.UsdAmount.FormatUsd(charge.Total), response.Headers.GetValues("x-tollway-cost").Single());
        Assert.Equal(1, gateway.Upstream.RequestCount);
    }

    /// <summary>A chat completion of exactly <paramref name="size"/> bytes (its text padded to fit).</summary>
    private static string LargeCompletion(int size)
    {
        const string Head = "{\"id\":\"chatcmpl-big\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"";
        const string Tail = "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
        return Head + new string('x', size - Head.Length - Tail.Length) + Tail;
    }
}
