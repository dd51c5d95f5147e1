using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Wire;

namespace Tollway.Benchmarks.Billing;

/// <summary>
/// What one request does to billing: hold its worst case, then settle the smaller cost it turned out to have. The
/// charge is built as <c>RequestBilling</c> builds it (a fresh request id as the proxy makes one, a key, token counts, now). With no
/// upstream call in between, the id is made when the charge is: ids arrive in time order, as they do when requests take similar times.
/// </summary>
internal static class HoldSettleWorkload
{
    /// <summary>A small chat request's worst case: $0.005.</summary>
    public const long WorstCase = UsdAmount.NanosPerUsd / 200;

    /// <summary>What it cost: $0.0008 to the provider and $0.0002 markup, a fifth of the worst case.</summary>
    public const long ProviderCost = 800_000;

    public const long Markup = 200_000;

    /// <summary>Funds for far more requests than any run makes ($1,000,000).</summary>
    public const long Credit = 1_000_000 * UsdAmount.NanosPerUsd;

    public static async Task<ChargeRecord> HoldAndSettleAsync(BalanceBook book)
    {
        var hold = await HoldAsync(book);
        return await book.SettleAsync(hold, Charge(), CancellationToken.None)
            ?? throw new InvalidOperationException("A fresh hold was already resolved.");
    }

    public static ChargeRecord Charge()
    {
        var now = TimeProvider.System.GetUtcNow();
        return new()
        {
            RequestId = RequestIds.New(now),
            AccountId = BillingNode.AccountId,
            KeyId = "key_bench",
            Model = "gpt-4o-mini",
            Provider = "openai",
            UpstreamModel = "gpt-4o-mini-2024-07-18",
            PromptTokens = 1_200,
            CompletionTokens = 350,
            ProviderCost = ProviderCost,
            Markup = Markup,
            Streamed = true,
            CreatedAt = now,
        };
    }

    public static async ValueTask<Hold> HoldAsync(BalanceBook book)
    {
        var outcome = await book.TryHoldAsync(BillingNode.AccountId, WorstCase, CancellationToken.None);
        return outcome.Hold ?? throw new InvalidOperationException($"The hold was refused with {outcome.Available} nano-USD free; the account ran dry.");
    }

    /// <summary><paramref name="workers"/> concurrent requests, each holding and settling in a loop until
    /// <paramref name="operations"/> have been done between them.</summary>
    public static Task RunConcurrentlyAsync(BalanceBook book, int workers, int operations)
    {
        var remaining = operations;
        var tasks = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            tasks[i] = Task.Run(async () =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    await HoldAndSettleAsync(book);
                }
            });
        }

        return Task.WhenAll(tasks);
    }
}
