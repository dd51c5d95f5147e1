namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>The <see cref="TracingFixture"/> with <c>telemetry.traces.sampleRatio</c> 0: it keeps a trace only when the
/// caller's <c>traceparent</c> says it is sampled.</summary>
public sealed class UnsampledTracingFixture : TracingFixture
{
    protected override double SampleRatio => 0;
}
