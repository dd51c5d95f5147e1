using ScottPlot;
using SkiaSharp;

namespace Tollway.Bench.Results;

/// <summary>
/// The PNG beside RESULTS.md: four panels of grouped bars per arm — (a) latency percentiles on one connection,
/// (c) latency percentiles under the open-loop rate, (b) throughput, (e) peak memory — each bar labelled with its value.
/// </summary>
internal static class ResultsChart
{
    public static void Save(string path, IReadOnlyList<ArmSummary> arms)
    {
        var labels = arms.Select(a => a.Arm).ToArray();
        var one = Grouped("(a) one connection: latency (µs, log scale)", "µs", labels, log: true,
            [("p50", arms.Select(a => a.OneP50.Median)), ("p90", arms.Select(a => a.OneP90)), ("p99", arms.Select(a => a.OneP99.Median))]);
        var open = Grouped("(c) open loop, 20 ms mock: latency (ms, log scale)", "ms", labels, log: true,
            [("p50", arms.Select(a => a.OpenP50.Median / 1000)), ("p90", arms.Select(a => a.OpenP90 / 1000)), ("p99", arms.Select(a => a.OpenP99.Median / 1000))]);
        var rps = Grouped("(b) many connections: throughput (req/s, log scale)", "requests per second", labels, log: true, [("req/s", arms.Select(a => a.Rps.Median))]);
        var rss = Grouped("(e) peak RSS of the arm's process (MB)", "MB", labels, log: false, [("MB", arms.Select(a => a.PeakRssMb ?? double.NaN))]);

        // Four panels in a 2 x 2 grid on one canvas.
        const int Width = 800, Height = 500;
        using var surface = SKSurface.Create(new SKImageInfo(Width * 2, Height * 2));
        surface.Canvas.Clear(SKColors.White);
        Plot[] panels = [one, open, rps, rss];
        for (var i = 0; i < panels.Length; i++)
        {
            // Each panel on a surface of its own: a plot clears the whole canvas it renders on.
            using var panel = SKSurface.Create(new SKImageInfo(Width, Height));
            panels[i].Render(panel.Canvas, Width, Height);
            using var snapshot = panel.Snapshot();
            surface.Canvas.DrawImage(snapshot, i % 2 * Width, i / 2 * Height);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }

    private static Plot Grouped(string title, string unit, string[] labels, bool log, (string Name, IEnumerable<double> Values)[] series)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var s = 0; s < series.Length; s++)
        {
            var values = series[s].Values.ToArray();
            for (var a = 0; a < values.Length; a++)
            {
                var value = values[a];
                bars.Add(new Bar
                {
                    Position = (a * (series.Length + 1)) + s,
                    // Arms differ by orders of magnitude: on the log panels a bar's height is log10 of its value.
                    Value = !double.IsFinite(value) ? 0 : log ? Math.Log10(Math.Max(value, 1)) : value,
                    FillColor = palette.GetColor(s),
                    Label = Format(value),
                });
            }
        }

        for (var a = 0; a < labels.Length; a++)
        {
            ticks.Add(new Tick((a * (series.Length + 1)) + ((series.Length - 1) / 2.0), labels[a]));
        }

        plot.Add.Bars(bars);
        if (log)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = y => Math.Pow(10, y).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        plot.Title(title);
        plot.YLabel(unit);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        if (series.Length > 1)
        {
            for (var s = 0; s < series.Length; s++)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = palette.GetColor(s) });
            }

            plot.ShowLegend(Alignment.UpperLeft);
        }

        return plot;
    }

    private static string Format(double value) => value switch
    {
        double.NaN => "n/a",
        double.PositiveInfinity => "∞",
        >= 1_000_000 => (value / 1_000_000).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1000).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "k",
        >= 100 => value.ToString("F0", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
    };
}
