using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Providers;
using Tollway.Gateway.Proxy;

namespace Tollway.Gateway.Tests.Proxy;

/// <summary>
/// A non-streamed answer the gateway could not read: cut by the total timeout, it was generated and billed by the
/// provider all the same, so it is billed at its worst case; broken off, it is not billed.
/// </summary>
public sealed class ResponseRelayTests : IDisposable
{
    private readonly UpstreamProvider _provider = new("p", ProviderPresets.Find("openai")!, new Uri("http://127.0.0.1:9/v1"), "k", null,
        new Dictionary<string, string>(), new ProviderTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

    public void Dispose() => _provider.Dispose();

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
    public async Task RelayAsync_AnswerBrokeOff_IsNotBilled()
    {
        using var timer = new CancellationTokenSource();
        var billing = new RecordingResponseBilling();

        var (outcome, _) = await RelayAsync(timer, new IOException("Connection reset by peer"), billing);

        Assert.False(billing.AtWorstCase);
        Assert.True(billing.Voided);
        Assert.Equal(502, outcome.Status);
    }

    private async Task<(RelayOutcome Outcome, HttpContext Context)> RelayAsync(CancellationTokenSource timer, Exception bodyFailure, RecordingResponseBilling billing)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(new MemoryStream()));
        var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new TrickleStream("{\"id\":"u8.ToArray(), failAtEnd: bodyFailure)) };
        using var exchange = new UpstreamExchange(timer, default, new UpstreamRequestContent(ReadOnlyMemory<byte>.Empty, timer)) { Response = answer };
        var request = RequestInspector.Inspect("""{"model":"m","messages":[]}"""u8, GatewayOperation.ChatCompletions).Request!;

        var outcome = await new ResponseRelay(NullLogger<ResponseRelay>.Instance, Options.Create(new TollwayOptions()), TimeProvider.System)
            .RelayAsync(context, exchange, new ModelEndpoint(_provider, "m", null, null, null), request, billing);

        return (outcome, context);
    }
}
