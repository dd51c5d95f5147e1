using Tollway.Gateway.Platform.Storage;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>A database that answers, or not, as the test says.</summary>
internal sealed class DatabaseHealthSwitch : IDatabaseHealth
{
    /// <summary>Whether the database answers (it does unless told otherwise).</summary>
    public bool Answers { get; set; } = true;

    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(Answers);
}
