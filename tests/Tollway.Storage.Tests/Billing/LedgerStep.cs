using CsCheck;
using Tollway.Gateway.Wire;

namespace Tollway.Storage.Tests.Billing;

/// <summary>What can happen to the money of two accounts served by two gateway nodes: one step of a random history.</summary>
internal enum LedgerStepKind
{
    /// <summary>A credit under one of a few external references per account: a replayed one must count once.</summary>
    Credit,

    /// <summary>A node holds an amount of an account's balance for a request.</summary>
    Hold,

    /// <summary>A hold (open, or resolved already) is settled for a charge, which may exceed what was held.</summary>
    Settle,

    /// <summary>A hold (open, or resolved already) is voided.</summary>
    Void,

    /// <summary>Time passes, less than a lease lives.</summary>
    Tick,

    /// <summary>Time passes beyond a lease's life: every lease not renewed meanwhile expires.</summary>
    Expire,

    /// <summary>A node's lease keeper runs a round: renewals, the sweep of expired leases, idle leases given back.</summary>
    Keep,

    /// <summary>A node dies without giving back its leases (they expire); a new node takes its place.</summary>
    Lose,
}

/// <summary>One step: its kind and the numbers it needs (which node, which account, which hold, how much, how long).</summary>
internal sealed record LedgerStep(LedgerStepKind Kind, int Node = 0, int Account = 0, int Pick = 0, long Amount = 0)
{
    private const long Usd = UsdAmount.NanosPerUsd;

    /// <summary>Random histories of 10 to 50 steps.</summary>
    public static Gen<LedgerStep[]> Histories { get; } = Gen.Frequency(
        (3, Gen.Select(Gen.Int[0, 1], Gen.Int[0, 3], (account, reference) => new LedgerStep(LedgerStepKind.Credit, Account: account, Pick: reference))),
        (6, Gen.Select(Gen.Int[0, 1], Gen.Int[0, 1], Gen.Long[1, 3 * Usd / 10], (node, account, amount) => new LedgerStep(LedgerStepKind.Hold, node, account, Amount: amount))),
        (5, Gen.Select(Gen.Int[0, 1_000], Gen.Long[0, 4 * Usd / 10], (pick, charge) => new LedgerStep(LedgerStepKind.Settle, Pick: pick, Amount: charge))),
        (2, Gen.Int[0, 1_000].Select(pick => new LedgerStep(LedgerStepKind.Void, Pick: pick))),
        (2, Gen.Int[1, 30].Select(seconds => new LedgerStep(LedgerStepKind.Tick, Amount: seconds))),
        (2, Gen.Int[1, 60].Select(seconds => new LedgerStep(LedgerStepKind.Expire, Amount: seconds))),
        (2, Gen.Int[0, 1].Select(node => new LedgerStep(LedgerStepKind.Keep, node))),
        (1, Gen.Int[0, 1].Select(node => new LedgerStep(LedgerStepKind.Lose, node))))
        .Array[10, 50];
}
