using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Gateway.Billing;
using Tollway.Gateway.Ledger;
using Tollway.Testing;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>Reads of the gateway's books for assertions.</summary>
public static class Billing
{
    public static async Task<long> BalanceAsync(GatewayFixture gateway, string accountId) =>
        (await gateway.Services.GetRequiredService<LedgerAdministration>().GetBalanceAsync(accountId, CancellationToken.None)).Balance;

    public static Task<ChargeRecord?> ChargeAsync(GatewayFixture gateway, string requestId) =>
        gateway.Services.GetRequiredService<ILedgerQueries>().FindChargeAsync(requestId, CancellationToken.None);

    /// <summary>Waits (real time, bounded) for a request's charge: a disconnected stream settles after the client left.</summary>
    public static Task<ChargeRecord> WaitForChargeAsync(GatewayFixture gateway, string requestId) =>
        Eventually.ValueAsync(() => ChargeAsync(gateway, requestId), $"A charge for {requestId}");

    public static async Task<LedgerReconciliation> ReconcileAsync(GatewayFixture gateway) =>
        await gateway.Services.GetRequiredService<LedgerAdministration>().ReconcileAsync(CancellationToken.None);

    public static async Task<JsonElement> GetJsonAsync(GatewayFixture gateway, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseUrl, path));
        request.Headers.Authorization = new("Bearer", key);
        using var response = await gateway.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string RequestId(HttpResponseMessage response) => response.Headers.GetValues("X-Request-Id").Single();
}
