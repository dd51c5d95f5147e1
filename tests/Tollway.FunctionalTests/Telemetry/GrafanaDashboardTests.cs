using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.FunctionalTests.X402;
using Tollway.Testing;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary>
/// The shipped Grafana dashboard and Prometheus alert rules (<c>deploy/</c>) query only metrics a real gateway exposes:
/// every Tollway, GenAI and runtime metric they name appears in a scrape of a node with a chain, x402 and one answered
/// request. A renamed metric would otherwise leave a panel empty and an alert silent, and nobody would notice.
/// </summary>
public sealed partial class GrafanaDashboardTests(X402WatcherFixture gateway) : IClassFixture<X402WatcherFixture>
{
    [Fact]
    public void Dashboard_EveryPanel_HasAQueryOnTheDataSourceVariable()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("deploy", "grafana", "tollway-dashboard.json")));

        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();

        Assert.True(panels.Count >= 20, $"{panels.Count} panels");
        Assert.All(panels, panel =>
        {
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.Contains(panel.GetProperty("targets").EnumerateArray(), t => !string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()));
        });
    }

    [Fact]
    public async Task DashboardAndAlerts_EveryMetricTheyQuery_AppearsInARealScrape()
    {
        using (var answered = await gateway.PostAsync("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""", gateway.UserKey))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var queried = QueriedMetrics();
        Assert.Contains("tollway_cost_nano_usd_total", queried);
        Assert.Contains("tollway_x402_settlements_total", queried);

        // The charge is committed and the watcher has polled a moment after the answer: the scrape is retried until then.
        var missing = await Eventually.ValueAsync(
            async () => queried.Except((await PrometheusScrape.ReadAsync(gateway)).Names).ToList() is { Count: 0 } none ? none : null,
            "a scrape with every queried metric", TestContext.Current.CancellationToken);

        Assert.Empty(missing);
    }

    /// <summary>The metric names the dashboard's and the alert rules' expressions select: an identifier followed by a
    /// label matcher, of Tollway's, the GenAI conventions' or the runtime's (<c>up</c> is Prometheus's own).</summary>
    private static HashSet<string> QueriedMetrics()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("deploy", "grafana", "tollway-dashboard.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .Append(File.ReadAllText(RepositoryFiles.PathOf("deploy", "prometheus", "tollway-alerts.yml")));
        return expressions.SelectMany(e => Selector().Matches(e).Select(m => m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\b(?<name>(?:tollway|gen_ai|dotnet)_[a-z0-9_]+)\{")]
    private static partial Regex Selector();
}
