namespace Tollway.Chain.Chains;

/// <summary>
/// One EVM chain that Tollway accepts stablecoins on, as configured by the operator under <c>Chains:NAME</c>. A preset
/// (named by <see cref="Preset"/>, or by the entry's own name) fills in the chain id, public RPC URLs and the real token
/// contracts; every value here overrides the preset's. Resolved and validated at start by the chain module.
/// </summary>
public sealed class ChainOptions
{
    /// <summary>The preset this chain follows (<c>base</c>, <c>ethereum</c>, <c>base-sepolia</c>, …, or <c>custom</c>);
    /// defaults to the entry's own name.</summary>
    public string? Preset { get; set; }

    /// <summary>Turns the chain off without deleting its settings.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The EIP-155 chain id; required for the <c>custom</c> preset, and must match the preset's otherwise.</summary>
    public long? ChainId { get; set; }

    /// <summary>JSON-RPC URLs, tried in order: a failing URL hands the call to the next. Defaults to the preset's
    /// public endpoint, which is rate limited: give your own provider's URL for real use.</summary>
    public List<string> RpcUrls { get; set; } = [];

    /// <summary>When a deposit counts: a number of blocks on top of the deposit's (<c>"12"</c>), or <c>"finalized"</c>
    /// for the node's finalized block. Defaults to the preset's.</summary>
    public string? Confirmations { get; set; }

    /// <summary>The address deposits are sent to. Required for the deposit watcher and for payments.</summary>
    public string? Treasury { get; set; }

    /// <summary>The first block the deposit watcher scans when it has no cursor yet; defaults to the chain's head at
    /// first start (so history before Tollway is not credited).</summary>
    public long? StartBlock { get; set; }

    /// <summary>The tokens accepted, by symbol. The preset's tokens are included; an entry here adds a token or
    /// overrides a preset token's fields, and <c>Enabled: false</c> removes one.</summary>
    public Dictionary<string, ChainTokenOptions> Tokens { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The most blocks one <c>eth_getLogs</c> call asks for (providers cap ranges; 2,000 suits most).</summary>
    public int MaxBlockRange { get; set; } = 2000;

    /// <summary>How often the watcher looks for new blocks once it has caught up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The smallest transfer, in USD, that counts as a deposit. Anything less (and every zero-value transfer)
    /// is never recorded nor credited and stays in the treasury: dust cannot fill the database or slow the watcher.
    /// <c>"0"</c> records every non-zero transfer.</summary>
    public string MinDepositUsd { get; set; } = "0.01";

    /// <summary>The gas price, in gwei, that the x402 minimum quote assumes the relayer pays for one settlement on this
    /// chain; defaults to the preset's (kept above the usual price, so the minimum still covers a busy hour).</summary>
    public string? GasPriceGwei { get; set; }

    /// <summary>What one coin of the chain's gas token (ETH, POL) is worth in USD, for the same estimate; defaults to
    /// the preset's.</summary>
    public string? GasTokenUsd { get; set; }
}
