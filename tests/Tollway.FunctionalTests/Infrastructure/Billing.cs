using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
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

    /// <summary>Waits for the one charge of an account whose client left before it saw a request id, found through the
    /// account's journal.</summary>
    public static Task<ChargeRecord> WaitForAccountChargeAsync(GatewayFixture gateway, string accountId) =>
        Eventually.ValueAsync(async () => await ChargeIdOfAsync(gateway, accountId) is { } requestId ? await ChargeAsync(gateway, requestId) : null,
            $"A charge on {accountId}");

    /// <summary>The request id of the account's only charge, or <see langword="null"/> when it has none (yet).</summary>
    public static async Task<string?> ChargeIdOfAsync(GatewayFixture gateway, string accountId)
    {
        var entries = await gateway.Services.GetRequiredService<ILedgerQueries>().ListJournalAsync(new JournalQuery(accountId), CancellationToken.None);
        return entries.SingleOrDefault(e => e.Kind == LedgerTransactionKind.Charge)?.Reference[ChargeRecord.ReferencePrefix.Length..];
    }

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
