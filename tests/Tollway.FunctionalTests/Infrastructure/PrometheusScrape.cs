using System.Globalization;
using System.Text.RegularExpressions;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>A parsed scrape of <c>/metrics</c> (Prometheus text format): its samples, by metric name and labels.</summary>
public sealed partial class PrometheusScrape(IReadOnlyList<PrometheusSample> samples, string text)
{
    public IReadOnlyList<PrometheusSample> Samples => samples;

    /// <summary>The scrape as it came, for a failure message.</summary>
    public string Text => text;

    /// <summary>Every metric name that has a sample.</summary>
    public IReadOnlySet<string> Names => samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads the gateway's scrape over loopback.</summary>
    public static async Task<PrometheusScrape> ReadAsync(GatewayFixture gateway, Uri? baseUrl = null)
    {
        using var response = await gateway.Http.GetAsync(new Uri(baseUrl ?? gateway.BaseUrl, "/metrics"));
        response.EnsureSuccessStatusCode();
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static PrometheusScrape Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Not a sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            samples.Add(new PrometheusSample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        return new PrometheusScrape(samples, text);
    }

    /// <summary>The sum of a metric's samples whose labels include every pair of <paramref name="where"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] where) =>
        samples.Where(s => s.Name == name && where.All(w => s.Labels.TryGetValue(w.Label, out var v) && v == w.Value)).Sum(s => s.Value);

    /// <summary>Like <see cref="Sum"/>, but <see langword="null"/> when no sample matches: a series never recorded.</summary>
    public double? Value(string name, params (string Label, string Value)[] where) =>
        samples.Any(s => s.Name == name && where.All(w => s.Labels.TryGetValue(w.Label, out var v) && v == w.Value)) ? Sum(name, where) : null;

    /// <summary>The samples of metrics whose name starts with <paramref name="prefix"/>: their series.</summary>
    public int SeriesCount(string prefix) => samples.Count(s => s.Name.StartsWith(prefix, StringComparison.Ordinal));

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
