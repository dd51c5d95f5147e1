using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Platform.Server;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

/// <summary>
/// A non-streamed 200 the gateway could not use — cut by the total timeout, broken off, too large, or not JSON it can
/// translate — was generated and billed by the provider all the same: it is billed on its usage when that can be read,
/// else at its worst case, and answered as the failure it was.
/// </summary>
public sealed class ResponseRelayTests : IDisposable
{
    private readonly UpstreamProvider _provider = new("p", ProviderPresets.Find("openai")!, new Uri("http://127.0.0.1:9/v1"), "k", null,
        new Dictionary<string, string>(), new ProviderTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

    private readonly UpstreamProvider _anthropic = new("a", ProviderPresets.Find("anthropic")!, new Uri("http://127.0.0.1:9/v1"), "k", null,
        new Dictionary<string, string>(), new ProviderTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

    /// <summary>A whole chat completion, 180-odd bytes.</summary>
    private static readonly byte[] OpenAiAnswer =
        """{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1}}"""u8.ToArray();

    public void Dispose()
    {
        _provider.Dispose();
        _anthropic.Dispose();
    }

    [Fact]
    public async Task RelayAsync_AnswerCutByTheTotalTimeout_IsBilledAtItsWorstCaseAndAnswered504()
    {
        using var timer = new CancellationTokenSource();
        await timer.CancelAsync();
        var billing = new RecordingResponseBilling();

        var (outcome, context) = await RelayAsync(timer, new OperationCanceledException(timer.Token), billing);

        Assert.True(billing.AtWorstCase);
        Assert.False(billing.Voided);
        Assert.Equal(504, outcome.Status);
        Assert.Equal(504, context.Response.StatusCode);
    }

    [Fact]
    public async Task RelayAsync_AnswerBrokeOff_IsBilledAtItsWorstCaseAndAnswered502()
    {
        using var timer = new CancellationTokenSource();
        var billing = new RecordingResponseBilling();

        var (outcome, context) = await RelayAsync(timer, new IOException("Connection reset by peer"), billing);

        Assert.True(billing.AtWorstCase);
        Assert.False(billing.Voided);
        Assert.Equal(502, outcome.Status);
        Assert.Equal(502, context.Response.StatusCode);
    }

    [Fact]
    public async Task RelayAsync_AnswerOverTheLimit_IsBilledAtItsWorstCaseAndAnswered502()
    {
        using var timer = new CancellationTokenSource();
        var billing = new RecordingResponseBilling();
        var small = new ServerOptions { MaxUpstreamResponseBytes = 16 };

        var (outcome, _) = await RelayAsync(timer, new TrickleStream(OpenAiAnswer), billing, _provider, small);

        Assert.True(billing.AtWorstCase);
        Assert.Equal(1, billing.Settlements);
        Assert.Equal(502, outcome.Status);
        Assert.Equal("upstream_response_too_large", outcome.ErrorCode);
    }

    [Fact]
    public async Task RelayAsync_UntranslatableAnswerWhoseUsageReads_IsBilledOnThatUsage()
    {
        // An escaped lone surrogate is not text: the answer cannot be translated, but its usage is there to read.
        using var timer = new CancellationTokenSource();
        var billing = new RecordingResponseBilling();
        var answer = """{"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[{"type":"text","text":"\ud800"}],"stop_reason":"end_turn","usage":{"input_tokens":10,"output_tokens":20}}"""u8.ToArray();

        var (outcome, _) = await RelayAsync(timer, new TrickleStream(answer), billing, _anthropic);

        Assert.False(billing.AtWorstCase);
        Assert.Equal(1, billing.Settlements);
        Assert.Equal((10, 20), (billing.Usage!.Value.PromptTokens, billing.Usage.Value.CompletionTokens));
        Assert.Equal(502, outcome.Status);
    }

    [Fact]
    public async Task RelayAsync_UntranslatableAnswerWithoutUsage_IsBilledAtItsWorstCase()
    {
        using var timer = new CancellationTokenSource();
        var billing = new RecordingResponseBilling();

        var (outcome, _) = await RelayAsync(timer, new TrickleStream("""{"id":"msg_1","type":"message","content":["""u8.ToArray()), billing, _anthropic);

        Assert.True(billing.AtWorstCase);
        Assert.False(billing.Voided);
        Assert.Equal(502, outcome.Status);
    }

    private Task<(RelayOutcome Outcome, HttpContext Context)> RelayAsync(CancellationTokenSource timer, Exception bodyFailure, RecordingResponseBilling billing) =>
        RelayAsync(timer, new TrickleStream("{\"id\":"u8.ToArray(), failAtEnd: bodyFailure), billing, _provider);

    private static async Task<(RelayOutcome Outcome, HttpContext Context)> RelayAsync(
        CancellationTokenSource timer, Stream body, RecordingResponseBilling billing, UpstreamProvider provider, ServerOptions? options = null)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(new MemoryStream()));
        var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
        using var exchange = new UpstreamExchange(timer, default, new UpstreamRequestContent(ReadOnlyMemory<byte>.Empty, timer)) { Response = answer };
        var request = RequestInspector.Inspect("""{"model":"m","messages":[]}"""u8, GatewayOperation.ChatCompletions).Request!;

        var outcome = await new ResponseRelay(NullLogger<ResponseRelay>.Instance, Options.Create(options ?? new ServerOptions()), TimeProvider.System)
            .RelayAsync(context, exchange, new ModelEndpoint(provider, "m", null, null, null), request, billing);

        return (outcome, context);
    }
}
