using Tollway.Chain.X402;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.X402;

/// <summary><see cref="IX402AuthorizationStore"/> on every backend: one claim wins, whatever the race.</summary>
public abstract class X402AuthorizationStoreTests(StorageBackend backend) : StorageTests(backend)
{
    [Fact]
    public async Task TryClaimAsync_NewAuthorization_ReturnsNullAndRecordsTheClaim()
    {
        var claim = NewClaim();

        var existing = await Node.X402.TryClaimAsync(claim, Ct);

        Assert.Null(existing);
        Assert.Equal(claim with { CreatedAt = TestKeys.Millis(claim.CreatedAt) }, await NewNode().X402.FindAsync(claim.Key, Ct));
    }

    [Fact]
    public async Task TryClaimAsync_ClaimedBefore_ReturnsTheFirstClaimUnchanged()
    {
        var claim = NewClaim();
        await Node.X402.TryClaimAsync(claim, Ct);

        var existing = await Node.X402.TryClaimAsync(claim with { RequestId = "req-second", Amount = "999" }, Ct);

        Assert.Equal("req-first", existing?.RequestId);
        Assert.Equal(claim.Amount, existing?.Amount);
    }

    [Fact]
    public async Task TryClaimAsync_SameAuthorizationFromManyNodesAtOnce_ExactlyOneWins()
    {
        var claim = NewClaim();
        var nodes = Enumerable.Range(0, 4).Select(_ => NewNode()).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => nodes[i % nodes.Length].X402.TryClaimAsync(claim with { RequestId = $"req-{i}" }, Ct), Ct)));

        Assert.Single(results, r => r is null);
        var winner = $"req-{Array.IndexOf(results, null)}";
        Assert.All(results.OfType<X402AuthorizationRecord>(), r => Assert.Equal(winner, r.RequestId));
    }

    [Fact]
    public async Task MarkSettledAsync_ClaimedAuthorization_KeepsTheTransactionAndAccount()
    {
        var claim = NewClaim();
        await Node.X402.TryClaimAsync(claim, Ct);

        await Node.X402.MarkSettledAsync(claim.Key, "0xabc", "acct_payer", Start, Ct);

        var found = await NewNode().X402.FindAsync(claim.Key, Ct);
        Assert.Equal(X402AuthorizationState.Settled, found?.State);
        Assert.Equal("0xabc", found?.TransactionHash);
        Assert.Equal("acct_payer", found?.AccountId);
    }

    [Fact]
    public async Task ReleaseAsync_SettlingClaim_RemovesItSoTheAuthorizationCanBeClaimedAgain()
    {
        var claim = NewClaim();
        await Node.X402.TryClaimAsync(claim, Ct);

        await Node.X402.ReleaseAsync(claim.Key, Ct);

        Assert.Null(await Node.X402.FindAsync(claim.Key, Ct));
        Assert.Null(await Node.X402.TryClaimAsync(claim, Ct));
    }

    [Fact]
    public async Task ReleaseAsync_SettledClaim_KeepsIt()
    {
        var claim = NewClaim();
        await Node.X402.TryClaimAsync(claim, Ct);
        await Node.X402.MarkSettledAsync(claim.Key, "0xabc", "acct_payer", Start, Ct);

        await Node.X402.ReleaseAsync(claim.Key, Ct);

        Assert.Equal(X402AuthorizationState.Settled, (await Node.X402.FindAsync(claim.Key, Ct))?.State);
    }

    [Fact]
    public async Task RecordTransactionAsync_SettlingClaim_KeepsItSettlingWithTheTransaction()
    {
        var claim = NewClaim();
        await Node.X402.TryClaimAsync(claim, Ct);

        await Node.X402.RecordTransactionAsync(claim.Key, "0xsent", Ct);

        var found = await NewNode().X402.FindAsync(claim.Key, Ct);
        Assert.Equal((X402AuthorizationState.Settling, "0xsent"), (found?.State, found?.TransactionHash));
    }

    [Fact]
    public async Task RecordTransactionAsync_SettledClaim_ChangesNothing()
    {
        var claim = NewClaim();
        await Node.X402.TryClaimAsync(claim, Ct);
        await Node.X402.MarkSettledAsync(claim.Key, "0xfinal", "acct_payer", Start, Ct);

        await Node.X402.RecordTransactionAsync(claim.Key, "0xother", Ct);

        Assert.Equal("0xfinal", (await Node.X402.FindAsync(claim.Key, Ct))?.TransactionHash);
    }

    private static X402AuthorizationRecord NewClaim() => new(
        new X402AuthorizationKey(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
            "0x" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())),
        "1234567", X402AuthorizationState.Settling, "req-first", TestKeys.Epoch);
}
