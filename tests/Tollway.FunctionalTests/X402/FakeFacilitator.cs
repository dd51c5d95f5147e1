using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tollway.Chain.X402;
using Tollway.Testing;
using Tollway.Testing.Chain;

namespace Tollway.FunctionalTests.X402;

/// <summary>
/// An x402 facilitator on loopback speaking the specification's <c>/verify</c> and <c>/settle</c>: it settles for real
/// on the anvil chain (relaying <c>transferWithAuthorization</c> from its own address), or answers a verdict a test
/// set. It records what it was asked.
/// </summary>
public sealed class FakeFacilitator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeFacilitator(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The next <c>/verify</c> answers this invalid reason (once).</summary>
    public string? RefuseNextVerify { get; set; }

    /// <summary>The next <c>/verify</c> says the payment is valid inside an answer padded by this many bytes (once): a
    /// facilitator that answers far more than any verdict needs.</summary>
    public long? PadNextVerify { get; set; }

    public List<string> Calls { get; } = [];

    public static async Task<FakeFacilitator> StartAsync(AnvilNode chain)
    {
        FakeFacilitator? facilitator = null;
        var (app, url) = await LoopbackServer.StartAsync(async context =>
        {
            var request = await JsonSerializer.DeserializeAsync(context.Request.Body, X402JsonContext.Default.FacilitatorRequest);
            var authorization = ExactAuthorization.TryParse(request!.PaymentPayload.Payload)!;
            lock (facilitator!.Calls)
            {
                facilitator.Calls.Add(context.Request.Path.Value!);
            }

            context.Response.ContentType = "application/json";
            if (context.Request.Path == "/verify" && facilitator.PadNextVerify is { } padding)
            {
                facilitator.PadNextVerify = null;
                await OversizedAnswer.WriteAsync(context.Response, $"{{\"isValid\":true,\"payer\":\"{authorization.From}\",\"padding\":\"", padding, "\"}");
                return;
            }

            if (context.Request.Path == "/verify")
            {
                var refusal = facilitator.RefuseNextVerify;
                facilitator.RefuseNextVerify = null;
                await context.Response.WriteAsync(refusal is null
                    ? $$"""{"isValid":true,"payer":"{{authorization.From}}"}"""
                    : $$"""{"isValid":false,"invalidReason":"{{refusal}}","payer":"{{authorization.From}}"}""");
                return;
            }

            var receipt = await chain.SendAsync(TestWallet.Create().LowerAddress, request.PaymentRequirements.Asset, Eip3009Abi.TransferWithAuthorization(authorization));
            await context.Response.WriteAsync(
                $$"""{"success":true,"transaction":"{{receipt.TransactionHash}}","network":"{{request.PaymentRequirements.Network}}","payer":"{{authorization.From}}"}""");
        });
        facilitator = new FakeFacilitator(app, url);
        return facilitator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
