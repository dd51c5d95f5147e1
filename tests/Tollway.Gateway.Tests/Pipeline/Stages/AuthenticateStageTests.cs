using Microsoft.AspNetCore.Http;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Gateway.Pipeline.Stages;
using Tollway.Gateway.Tests.Access.Keys;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Pipeline.Stages;

public sealed class AuthenticateStageTests
{
    private readonly string _liveKey = ApiKeyFormat.Generate();
    private readonly ApiKeyCache _cache = new();

    public AuthenticateStageTests() => _cache.Apply([TestKeys.Record(_liveKey, version: 1)]);

    [Fact]
    public void Run_LiveKey_ContinuesWithItsKeyInTheRequestAndTheLog()
    {
        using var request = Request("Bearer " + _liveKey);

        var result = Stage(x402: false).Run(request, offersPayment: true);

        Assert.True(result.Continues);
        Assert.False(request.Paying);
        Assert.Equal("key_test", request.Key.Key.Id);
        Assert.NotNull(request.Key.Makers);
        Assert.Equal(("acct_test", "key_test"), (request.Log.AccountId, request.Log.KeyId));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Run_NoKeyWithoutAPaymentOnOffer_Answers401(bool x402, bool offersPayment)
    {
        using var request = Request(null);

        var result = Stage(x402).Run(request, offersPayment);

        Assert.Equal(401, result.Error!.Status);
        Assert.Equal("missing_api_key", result.Error.Code);
        Assert.Null(request.Log.KeyId);
    }

    [Fact]
    public void Run_NoKeyWithX402_ContinuesAsThePayer()
    {
        using var request = Request(null);

        var result = Stage(x402: true).Run(request, offersPayment: true);

        Assert.True(result.Continues);
        Assert.True(request.Paying);
        Assert.Equal(("", "x402"), (request.Log.AccountId, request.Log.KeyId));
    }

    [Fact]
    public void Run_UnknownKeyWithX402_Answers401AllTheSame()
    {
        using var request = Request("Bearer " + ApiKeyFormat.Generate());

        var result = Stage(x402: true).Run(request, offersPayment: true);

        Assert.Equal("invalid_api_key", result.Error!.Code);
        Assert.False(request.Paying);
    }

    private AuthenticateStage Stage(bool x402) =>
        new(new ApiKeyAuthenticator(_cache, TimeProvider.System), x402 ? new EnabledPayments() : new DisabledX402Payments());

    private static GatewayRequest Request(string? authorization)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return new GatewayRequest(
            context, GatewayOperation.ChatCompletions, WireFormat.OpenAi, new RequestLogBuilder("gen-test", DateTimeOffset.UnixEpoch, GatewayOperation.ChatCompletions), 0);
    }

    private sealed class EnabledPayments : IX402Payments
    {
        public bool Enabled => true;

        public Task AdmitAsync(HttpContext context, AdmissionRequest admission, X402Outcome outcome) => throw new NotSupportedException();
    }
}
