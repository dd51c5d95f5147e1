using Microsoft.Extensions.Time.Testing;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>The gateway on an injected clock, for limits that reset with time (minutes, UTC days, expiry).</summary>
public sealed class ClockedGatewayFixture : GatewayFixture
{
    /// <summary>Starts one hour before a UTC midnight, so day and month resets are a short jump away.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero));

    protected override TimeProvider? Clock => Time;
}
