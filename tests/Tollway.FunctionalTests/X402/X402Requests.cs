using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Chain.Wallets;
using Tollway.Chain.X402;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.FunctionalTests.X402;

/// <summary>Requests without a key, with or without a payment header, and reads of what they left behind.</summary>
public static class X402Requests
{
    /// <summary>Free prompt, $1 per million output tokens: max_tokens 1000 is a worst case of exactly $0.001 = 1000 units.</summary>
    public const string Body = """{"model":"flat-model","max_tokens":1000,"messages":[{"role":"user","content":"Hello"}]}""";

    public const string QuoteUnits = "1000";

    /// <summary>The minimum quote on the fixture's chain: the gas of one settlement (see <see cref="X402Fixture"/>).</summary>
    public const string MinimumQuoteUnits = "120";

    /// <summary>Sends <paramref name="body"/> without a key to <paramref name="path"/> (the Messages API reads the same body).</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        X402Fixture gateway, string? paymentHeader = null, string header = X402Headers.PaymentSignature, string body = Body, string path = "/v1/chat/completions")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUrl, path))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (paymentHeader is not null)
        {
            request.Headers.TryAddWithoutValidation(header, paymentHeader);
        }

        return await gateway.Http.SendAsync(request);
    }

    /// <summary>The challenge for <paramref name="body"/> (by default <see cref="Body"/>).</summary>
    public static async Task<PaymentRequired> ChallengeAsync(X402Fixture gateway, string body = Body)
    {
        using var response = await SendAsync(gateway, body: body);
        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        return Required(response);
    }

    public static PaymentRequired Required(HttpResponseMessage response) =>
        X402Codec.DecodeRequired(response.Headers.GetValues(X402Headers.PaymentRequired).Single())
        ?? throw new InvalidOperationException("PAYMENT-REQUIRED did not decode.");

    /// <summary>Asserts a refused payment: 402, a fresh challenge whose error starts with the reason's code.</summary>
    public static async Task AssertRefusedAsync(HttpResponseMessage response, X402Failure reason)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.PaymentRequired, $"expected 402, got {(int)response.StatusCode}: {text}");
        var challenge = Required(response);
        Assert.StartsWith(X402Failures.Code(reason) + ":", challenge.Error, StringComparison.Ordinal);
        Assert.Equal(QuoteUnits, Assert.Single(challenge.Accepts).Amount);
        using var body = JsonDocument.Parse(text);
        Assert.Equal(1, body.RootElement.GetProperty("x402Version").GetInt32());
        Assert.Equal(challenge.Error, body.RootElement.GetProperty("error").GetString());
    }

    /// <summary>The account a wallet owns, or <see langword="null"/>.</summary>
    public static Task<string?> AccountOfAsync(X402Fixture gateway, string wallet) =>
        gateway.Services.GetRequiredService<IWalletStore>().FindAccountAsync(WalletAddress.Parse(wallet), CancellationToken.None);

    /// <summary>The ledger transaction posted under a reference, if any.</summary>
    public static async Task<JournalEntry?> CreditAsync(X402Fixture gateway, string reference)
    {
        var entries = await gateway.Services.GetRequiredService<ILedgerQueries>().ListJournalAsync(new JournalQuery(Limit: 1000), CancellationToken.None);
        return entries.FirstOrDefault(e => e.Reference == reference);
    }
}
