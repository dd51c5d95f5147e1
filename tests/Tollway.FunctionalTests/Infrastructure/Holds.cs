using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tollway.Gateway.Wire;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>What a request holds, as the gateway tells it: the worst case a 402 quotes.</summary>
public static partial class Holds
{
    /// <summary>Nano-USD as the decimal text the config and the credits take.</summary>
    public static string Usd(long nanos) => UsdAmount.FormatUsd(nanos);

    /// <summary>The worst case a 402 answer (OpenAI's or Anthropic's shape) says the request may cost, in nano-USD.</summary>
    public static async Task<long> QuotedWorstCaseAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var message = body.RootElement.GetProperty("error").GetProperty("message").GetString()!;
        var match = WorstCase().Match(message);
        Assert.True(match.Success, message);
        Assert.True(UsdAmount.TryParseNanos(match.Groups[1].Value, out var nanos), message);
        return nanos;
    }

    /// <summary>The worst case of a request, read from the 402 an account with a micro-dollar gets for it.</summary>
    public static async Task<long> WorstCaseAsync(GatewayFixture gateway, Func<string, Task<HttpResponseMessage>> send)
    {
        var (poor, _, _) = await gateway.CreateFundedKeyAsync("poor " + Guid.NewGuid().ToString("N"), "0.000001");
        using var response = await send(poor);
        return await QuotedWorstCaseAsync(response);
    }

    /// <summary>
    /// Checks that a request holds exactly <paramref name="bound"/>: sent by an account one nano-dollar short it is a 402
    /// quoting that worst case, with nothing sent upstream and no money moved; by an account with that much it is served.
    /// </summary>
    public static async Task AssertHoldsExactlyAsync(GatewayFixture gateway, long bound, Func<string, Task<HttpResponseMessage>> send)
    {
        var (shortKey, shortAccount, _) = await gateway.CreateFundedKeyAsync("one nano short", Usd(bound - 1));
        var (exactKey, _, _) = await gateway.CreateFundedKeyAsync("exactly the bound", Usd(bound));
        gateway.Upstream.Reset();

        using (var refused = await send(shortKey))
        {
            Assert.Equal(bound, await QuotedWorstCaseAsync(refused));
        }

        Assert.Equal(0, gateway.Upstream.RequestCount);
        Assert.Equal(bound - 1, await Billing.BalanceAsync(gateway, shortAccount));

        using var served = await send(exactKey);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(1, gateway.Upstream.RequestCount);
    }

    [GeneratedRegex(@"may cost up to \$([0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex WorstCase();
}
