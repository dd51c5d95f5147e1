namespace Tollway.Chain.X402;

/// <summary>
/// What makes an EIP-3009 authorization unique for ever: the chain, the token contract, the payer and the nonce (all
/// hex in lower case). It is the key of the local record and the reference of the ledger credit, so one authorization
/// can be settled, and credited, once.
/// </summary>
public sealed record X402AuthorizationKey(long ChainId, string Token, string Payer, string Nonce)
{
    /// <summary>The ledger reference of the credit: <c>x402:&lt;chainId&gt;:&lt;token&gt;:&lt;payer&gt;:&lt;nonce&gt;</c>.</summary>
    public string LedgerReference => $"x402:{ChainId}:{Token}:{Payer}:{Nonce}";
}
