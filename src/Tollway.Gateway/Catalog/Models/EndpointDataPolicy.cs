namespace Tollway.Gateway.Catalog.Models;

/// <summary>What a provider endpoint does with prompts, as the operator declared it.</summary>
public enum EndpointDataPolicy
{
    /// <summary>Not declared: treated as the least private.</summary>
    Unknown,

    /// <summary>May use prompts for training.</summary>
    Trains,

    /// <summary>Keeps prompts for a limited time (abuse monitoring), never trains on them.</summary>
    NoTraining,

    /// <summary>Keeps nothing.</summary>
    ZeroRetention,
}
