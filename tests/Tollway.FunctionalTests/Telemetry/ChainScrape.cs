using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary>One scrape of a gateway's <c>/metrics</c> (Prometheus text format), read series by series.</summary>
public sealed partial class ChainScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _series = [];

    private ChainScrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (SeriesPattern().Match(line.TrimEnd('\r')) is { Success: true } series)
            {
                var labels = LabelPattern().Matches(series.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
                _series.Add((series.Groups["name"].Value, labels, double.Parse(series.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>The whole scrape, for a failure message.</summary>
    public string Text { get; }

    /// <summary>Scrapes the gateway from loopback, where the scrape is open without a token.</summary>
    public static async Task<ChainScrape> TakeAsync(GatewayFixture gateway)
    {
        using var response = await gateway.Http.GetAsync(new Uri(gateway.BaseUrl, "/metrics"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/metrics answered {(int)response.StatusCode}: {text}");
        return new ChainScrape(text);
    }

    /// <summary>The sum of the series of <paramref name="name"/> that carry every one of <paramref name="labels"/>; <c>null</c> when none does.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels)
    {
        var matching = _series.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).ToList();
        return matching.Count == 0 ? null : matching.Sum(s => s.Value);
    }

    /// <summary>Every series name in the scrape.</summary>
    public IReadOnlySet<string> Names => _series.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>[^\s]+)(\s+-?\d+)?$""")]
    private static partial Regex SeriesPattern();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPattern();
}
