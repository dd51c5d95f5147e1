namespace Tollway.Chain.X402;

/// <summary>Where a claimed authorization stands.</summary>
public enum X402AuthorizationState
{
    /// <summary>Claimed by one request, which is settling it now.</summary>
    Settling = 1,

    /// <summary>Settled on chain and credited.</summary>
    Settled = 2,
}
