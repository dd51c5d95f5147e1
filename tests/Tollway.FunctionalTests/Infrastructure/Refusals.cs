using System.Net;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>A chat request refused before anything happens: a 400 naming its code and param, no upstream call, no money moved.</summary>
public static class Refusals
{
    /// <summary>Sends <paramref name="body"/> with a fresh key of an account holding $10 and checks the refusal.</summary>
    public static async Task AssertRefusedAsync(GatewayFixture gateway, string body, string? code, string param)
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("refused " + param, "10");
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", body, key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal((code, param), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
        Assert.Equal(0, gateway.Upstream.RequestCount);
        Assert.Equal(10_000_000_000, await Billing.BalanceAsync(gateway, accountId));
    }
}
