namespace Tollway.Bench.Results;

/// <summary>The median of a figure over rounds, with the lowest and highest round.</summary>
internal readonly record struct Spread(double Median, double Min, double Max)
{
    public static Spread Of(double[] values) =>
        values.Length == 0 ? new Spread(double.NaN, double.NaN, double.NaN) : new Spread(MedianOf(values), values.Min(), values.Max());

    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
