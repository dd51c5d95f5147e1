namespace Tollway.Gateway.Platform.Storage;

/// <summary>Answers whether the database can be used right now (for <c>/readyz</c>).</summary>
public interface IDatabaseHealth
{
    /// <summary>True when a trivial query succeeds.</summary>
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
