using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>
/// The gate when the database cannot be reached, or the client does not wait for it: a request that needs the database
/// (a lease to hold against, a key's spend to check) is refused with 503 and <c>Retry-After</c>, never thrown at the
/// client as a 500; nothing is held, and the key's limits forget the request, so its concurrency slot is free again.
/// </summary>
public sealed class BillingGateDatabaseTests
{
    private const string Chat = """{"model":"m","messages":[],"max_tokens":100}""";

    /// <summary>One request at a time, and a spend cap, so a slot that leaks or a spend that is read shows.</summary>
    private static readonly ApiKeyRecord Limited = BillingHarness.Key with
    {
        Limits = new KeyLimits(SpendLimit: UsdAmount.NanosPerUsd, MaxConcurrentRequests: 1),
    };

    private static readonly ApiKeyRecord OneAtATime = BillingHarness.Key with { Limits = new KeyLimits(MaxConcurrentRequests: 1) };

    [Fact]
    public async Task AdmitAsync_DatabaseDownAndNoLease_Refuses503WithRetryAfterAndHoldsNothing()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: UsdAmount.NanosPerUsd);
        billing.Store.Down = true;

        var admission = await billing.AdmitAsync(Chat, Model(billing));

        Assert.Null(admission.Billing);
        Assert.Equal(503, admission.Refusal!.Status);
        Assert.Equal("database_unavailable", admission.Refusal.Code);
        Assert.NotNull(admission.Refusal.RetryAfter);
        Assert.Equal(0, billing.Book.HeldOnThisNode(BillingHarness.AccountId));
    }

    [Fact]
    public async Task AdmitAsync_DatabaseDownButALeaseIsTrusted_IsHeldFromTheLease()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: UsdAmount.NanosPerUsd);
        var first = await billing.AdmitAsync(Chat, Model(billing));
        first.Finish();
        billing.Store.Down = true;

        var admission = await billing.AdmitAsync(Chat, Model(billing));

        Assert.NotNull(admission.Billing);
        admission.Finish();
    }

    [Fact]
    public async Task AdmitAsync_DatabaseDown_RefusedAndTheKeysSlotFreed()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: UsdAmount.NanosPerUsd);
        billing.Store.Down = true;

        var refused = await billing.AdmitAsync(OneAtATime, Chat, CancellationToken.None, Model(billing));
        billing.Store.Down = false;
        var admitted = await billing.AdmitAsync(OneAtATime, Chat, CancellationToken.None, Model(billing));

        Assert.Equal(503, refused.Refusal!.Status);
        Assert.Null(admitted.Refusal);
        admitted.Finish();
    }

    [Fact]
    public async Task AdmitAsync_SpendLimitedKeyWhoseSpendCannotBeRead_Refuses503AndHoldsNothing()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: UsdAmount.NanosPerUsd);
        billing.Spend.Down = true;

        var refused = await billing.AdmitAsync(Limited, Chat, CancellationToken.None, Model(billing));
        var leasedWhileRefusing = billing.Store.Asked.Count;
        billing.Spend.Down = false;
        var admitted = await billing.AdmitAsync(Limited, Chat, CancellationToken.None, Model(billing));

        Assert.Equal(503, refused.Refusal!.Status);
        Assert.Equal("database_unavailable", refused.Refusal.Code);
        Assert.Equal(0, leasedWhileRefusing);
        Assert.Null(admitted.Refusal);
        admitted.Finish();
    }

    [Fact]
    public async Task AdmitAsync_ClientLeavesWhileItsHoldWaitsForTheDatabase_NothingHeldAndTheKeysSlotFreed()
    {
        await using var billing = await BillingHarness.CreateAsync(balance: UsdAmount.NanosPerUsd);
        billing.Store.Pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = new CancellationTokenSource();

        var waiting = billing.AdmitAsync(OneAtATime, Chat, client.Token, Model(billing)).AsTask();
        await client.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        billing.Store.Pause = null;
        var next = await billing.AdmitAsync(OneAtATime, Chat, CancellationToken.None, Model(billing));

        Assert.Null(next.Refusal);
        next.Finish();
        Assert.Equal(0, billing.Book.HeldOnThisNode(BillingHarness.AccountId));
    }

    private static CatalogModel Model(BillingHarness billing) => billing.Model(new ModelPricing(1_000, 1_000));
}
