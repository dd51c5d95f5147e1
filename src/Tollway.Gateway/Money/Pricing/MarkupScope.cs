namespace Tollway.Gateway.Money.Pricing;

/// <summary>Where a markup applies; the most specific one set wins (account, then model, then provider, then global).</summary>
public enum MarkupScope
{
    /// <summary>Every request.</summary>
    Global = 0,

    /// <summary>Requests served by one provider.</summary>
    Provider = 1,

    /// <summary>Requests for one public model.</summary>
    Model = 2,

    /// <summary>Requests paid by one account.</summary>
    Account = 3,
}
