using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Tollway.Chain.Tests.Testing;

/// <summary>
/// Records the <c>long</c> measurements of the instruments one meter factory created, and no other: tests run in
/// parallel, each with meters of the same names, and a listener that took every <c>Tollway.Chain</c> meter in the
/// process would count the others' measurements too.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, string?> Tags)> _measurements = new();

    public MeterRecorder(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()))));
        _listener.Start();
    }

    /// <summary>A meter factory of its own, as a host has.</summary>
    public static IMeterFactory NewFactory() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    /// <summary>The sum of an instrument's measurements whose tags include every one of <paramref name="tags"/>.</summary>
    public long Sum(string instrument, params (string Key, string Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value)).Sum(m => m.Value);

    /// <summary>The tag sets an instrument was measured with.</summary>
    public IReadOnlyList<Dictionary<string, string?>> TagsOf(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Tags)];

    /// <summary>Asks the observable instruments for their values now, and returns what the named one reported.</summary>
    public IReadOnlyList<(long Value, Dictionary<string, string?> Tags)> Observe(string instrument)
    {
        _measurements.Clear();
        _listener.RecordObservableInstruments();
        return [.. _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags))];
    }

    public void Dispose() => _listener.Dispose();
}
