using System.Net;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary>A client choosing strings (model names, fallbacks, provider preferences, path case, headers) cannot add
/// series to the scrape: every label is a configured name, a status code or a fixed word.</summary>
public sealed class HostileCardinalityTests(MetricsFixture gateway) : IClassFixture<MetricsFixture>
{
    [Fact]
    public async Task Scrape_TenThousandRandomModelNames_SeriesCountStaysAsAfterTen()
    {
        await SendRandomAsync(10);
        var after10 = await SeriesAsync();

        await SendRandomAsync(10_000);
        var after10000 = await SeriesAsync();

        Assert.Equal(after10, after10000);
    }

    private async Task<int> SeriesAsync()
    {
        // The scrape is cached for a moment; a fresh one counts every request sent.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        return (await PrometheusScrape.ReadAsync(gateway)).SeriesCount("tollway_");
    }

    private async Task SendRandomAsync(int count)
    {
        var next = 0;
        var workers = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var name = Guid.NewGuid().ToString("N");
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUrl, name[0] < '8' ? "/V1/Chat/Completions" : "/v1/chat/completions"))
                {
                    Content = new StringContent(
                        $$"""{"model":"{{name}}","models":["{{name}}-b"],"provider":{"order":["{{name}}-p"]},"user":"{{name}}","messages":[{"role":"user","content":"hi"}]}""",
                        System.Text.Encoding.UTF8,
                        "application/json"),
                };
                request.Headers.Authorization = new("Bearer", gateway.UserKey);
                request.Headers.Add("X-Title", name);
                request.Headers.UserAgent.ParseAdd("agent-" + name);
                using var response = await gateway.Http.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        });
        await Task.WhenAll(workers);
    }
}
