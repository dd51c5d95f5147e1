namespace Tollway.Chain.Rpc;

/// <summary>
/// Tells an <c>eth_getLogs</c> refused for asking too much (too many blocks, too many results, too large an answer)
/// from any other error. Providers say so in words, not codes (Infura's -32005 is also its rate limit), so the words are
/// matched: those of Infura, Alchemy, QuickNode, Ankr, Chainstack, Cloudflare, publicnode, BlockPI, 1RPC, thirdweb,
/// Coinbase, Blast, reth, the OP Stack's and Arbitrum's nodes. Such a refusal is answered by asking for fewer blocks,
/// never by retrying the same range.
/// </summary>
public static partial class LogRangeRefusals
{
    private static readonly string[] Phrases =
    [
        "query returned more than",             // Infura, geth-based nodes: "query returned more than 10000 results"
        "log response size exceeded",           // Alchemy
        "block range should work",              // Alchemy: "... this block range should work: [0x.., 0x..]"
        "try with this block range",            // Infura
        "block range is too wide",              // Ankr, Moonbeam
        "block range is too large",             // OP Mainnet
        "block range too large",                // Base
        "range is too large",                   // "eth_getLogs range is too large, max is 10k blocks"
        "block range limit exceeded",           // Chainstack
        "block range greater than",             // "block range greater than 10000 max"
        "block range exceeds",
        "maximum block range",                  // publicnode: "exceed maximum block range: 50000"
        "max block range",                      // reth: "query exceeds max block range 100000"
        "query exceeds max results",            // reth, LlamaRPC
        "limited to a",                         // QuickNode, 1RPC: "eth_getLogs is limited to a 10,000 range"
        "response size should not greater than", // 1RPC
        "backend response too large",           // OP Stack proxies
        "logs matched by query exceeds limit",  // Arbitrum
        "exceeds the range allowed",            // Blast
        "please limit the query to at most",    // Coinbase
        "requested too many blocks",            // Avalanche
        "max range:",                           // Cloudflare
        "maximum allowed number of requested blocks", // thirdweb
        "query must be smaller than size",      // Harmony
        "too many logs",
        "response is too big",
        "response size exceeded",
    ];

    /// <summary>Whether <paramref name="error"/> refuses an <c>eth_getLogs</c> for the size of what it asked.</summary>
    public static bool IsRangeTooLarge(RpcErrorException error) =>
        error.Method == "eth_getLogs" && IsRangeTooLarge(error.RpcMessage);

    /// <summary>Whether <paramref name="error"/> is the answer to an <c>eth_getLogs</c> that was larger than the gateway
    /// reads: asked again over fewer blocks, as a refusal would be.</summary>
    public static bool IsRangeTooLarge(RpcResponseTooLargeException error) => error.Method == "eth_getLogs";

    /// <summary>Whether <paramref name="error"/> says a log query asked for too much, in the node's words or by the size of
    /// its answer; <paramref name="reason"/> is what to log.</summary>
    public static bool IsRangeTooLarge(Exception error, out string reason)
    {
        (var tooLarge, reason) = error switch
        {
            RpcErrorException rpc => (IsRangeTooLarge(rpc), rpc.RpcMessage),
            RpcResponseTooLargeException answer => (IsRangeTooLarge(answer), answer.Message),
            _ => (false, ""),
        };
        return tooLarge;
    }

    /// <summary>Whether a node's message refuses a log query for its size.</summary>
    public static bool IsRangeTooLarge(string message) =>
        Phrases.Any(phrase => message.Contains(phrase, StringComparison.OrdinalIgnoreCase)) || BlocksLimit().IsMatch(message);

    /// <summary>BlockPI's "limited to 1024 block range" and the like.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"limited to [\d,.]+ block", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex BlocksLimit();
}
