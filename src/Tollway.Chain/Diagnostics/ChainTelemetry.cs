namespace Tollway.Chain.Diagnostics;

/// <summary>The name the chain module's meter is published under (one of the <c>Tollway.*</c> meters the gateway's
/// OpenTelemetry set-up collects).</summary>
public static class ChainTelemetry
{
    /// <summary>The chain module's meter, created per host through <see cref="System.Diagnostics.Metrics.IMeterFactory"/>.</summary>
    public const string MeterName = "Tollway.Chain";
}
