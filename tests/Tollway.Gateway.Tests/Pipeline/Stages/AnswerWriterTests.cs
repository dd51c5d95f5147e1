using System.Text;
using Microsoft.AspNetCore.Http;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Gateway.Pipeline.Stages;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Pipeline.Stages;

public sealed class AnswerWriterTests
{
    [Theory]
    [InlineData(WireFormat.OpenAi, "\"error\":{")]
    [InlineData(WireFormat.Anthropic, "\"type\":\"error\"")]
    public async Task WriteAsync_Error_WritesItInTheClientsFormatAndLogsIt(WireFormat client, string shape)
    {
        using var request = Request(client);

        await AnswerWriter.WriteAsync(request, StageResult.Fail(GatewayError.ModelNotFound("nope")));

        Assert.Equal(404, request.Http.Response.StatusCode);
        Assert.Contains(shape, Body(request), StringComparison.Ordinal);
        Assert.Equal((404, "model_not_found"), (request.Log.Status, request.Log.ErrorCode));
    }

    [Fact]
    public async Task WriteAsync_ErrorWithRetryAfter_SetsTheHeader()
    {
        using var request = Request(WireFormat.OpenAi);

        await AnswerWriter.WriteAsync(request, StageResult.Fail(GatewayError.DatabaseUnavailable()));

        Assert.Equal("5", request.Http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task WriteAsync_Challenge_Answers402WithItsHeaderAndBody()
    {
        using var request = Request(WireFormat.OpenAi);
        var challenge = new X402Outcome { ChallengeHeader = "e30=", ChallengeBody = "{\"x402Version\":1}"u8.ToArray(), ChallengeCode = "payment_required" };

        await AnswerWriter.WriteAsync(request, StageResult.Pay(challenge));

        var response = request.Http.Response;
        Assert.Equal(402, response.StatusCode);
        Assert.Equal("e30=", response.Headers[X402Outcome.PaymentRequiredHeader].ToString());
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Equal("{\"x402Version\":1}", Body(request));
        Assert.Equal((402, "payment_required"), (request.Log.Status, request.Log.ErrorCode));
    }

    private static GatewayRequest Request(WireFormat client)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        return new GatewayRequest(
            context, GatewayOperation.ChatCompletions, client, new RequestLogBuilder("gen-test", DateTimeOffset.UnixEpoch, GatewayOperation.ChatCompletions), 0);
    }

    private static string Body(GatewayRequest request) =>
        Encoding.UTF8.GetString(((MemoryStream)request.Http.Response.Body).ToArray());
}
