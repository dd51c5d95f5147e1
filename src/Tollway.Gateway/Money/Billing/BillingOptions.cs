namespace Tollway.Gateway.Money.Billing;

/// <summary>How requests are billed: worst-case estimates and balance leasing, under <c>Billing</c>. The section's
/// markup and price refresh are the price book's (<see cref="Pricing.PriceBookOptions"/>), its key spend refresh the
/// key policies' (<see cref="Access.Policies.KeyPolicyOptions"/>).</summary>
public sealed class BillingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Billing";

    /// <summary>Output tokens held for, and sent to the provider as the request's limit, when neither the request nor the
    /// endpoint names a maximum.</summary>
    public int DefaultMaxOutputTokens { get; set; } = 4096;

    /// <summary>
    /// Sampling steps the worst case allows a request that offers server-side tools (Anthropic's <c>web_search</c>,
    /// <c>web_fetch</c>, MCP servers): the provider runs them and bills each step's whole prompt, their results
    /// included, so the hold is this many context windows of prompt. Anthropic stops its server-side loop after 10.
    /// </summary>
    public int ServerToolIterations { get; set; } = 10;

    /// <summary>How long a node's lease on a balance lives without renewal; a node that dies returns its leases after this.</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The least a node leases at once, in USD, so that small requests do not each go to the database.</summary>
    public string LeaseChunkUsd { get; set; } = "1";

    /// <summary>A lease with no hold on it for this long is given back, so other nodes and operator debits can use the money.</summary>
    public TimeSpan LeaseIdleRelease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>After a failed lease (no free balance), holds fail without asking the database again for this long.</summary>
    public TimeSpan ExhaustedBalanceRecheck { get; set; } = TimeSpan.FromMilliseconds(500);
}
