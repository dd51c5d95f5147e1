namespace Tollway.Gateway.Access.Policies;

/// <summary>The key policies' key of the <c>Billing</c> section.</summary>
public sealed class KeyPolicyOptions
{
    /// <summary>The configuration section these options are bound from (shared with the billing's own options).</summary>
    public const string Section = "Billing";

    /// <summary>How often a key's recorded spend is re-read for its caps (other nodes' spend shows up within this).</summary>
    public TimeSpan KeySpendRefresh { get; set; } = TimeSpan.FromSeconds(5);
}
