namespace Tollway.Chain.Rpc;

/// <summary>Named blocks of the JSON-RPC API.</summary>
public static class BlockTag
{
    /// <summary>The head.</summary>
    public const string Latest = "latest";

    /// <summary>The newest block the consensus layer has finalized (it can no longer be reorganised away).</summary>
    public const string Finalized = "finalized";

    /// <summary>The newest block considered safe from ordinary reorgs.</summary>
    public const string Safe = "safe";
}
