using System.Net;
using System.Net.Http.Headers;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary>
/// Where the scrape answers: on a listener of its own (which then answers nothing but the scrape and the probes), not at
/// all with telemetry off, on a moved path only; and loopback scrapes without the configured token. The refusal of a remote
/// caller is proven at unit level (<c>Tollway.Gateway.Tests.Api.Telemetry.MetricsEndpointTests</c>): these callers are
/// all on loopback.
/// </summary>
public sealed class MetricsEndpointTests(MetricsPortFixture separate, TelemetryOffFixture off, MetricsPathFixture moved)
    : IClassFixture<MetricsPortFixture>, IClassFixture<TelemetryOffFixture>, IClassFixture<MetricsPathFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<HttpStatusCode> GetAsync(GatewayFixture gateway, Uri baseUrl, string path, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, path));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await gateway.Http.SendAsync(request, Cancellation);
        return response.StatusCode;
    }

    [Fact]
    public async Task Scrape_SeparateListener_AnswersThereWithoutTheTokenFromLoopback()
    {
        Assert.NotEqual(separate.MetricsPort, separate.BaseUrl.Port);

        using var response = await separate.Http.GetAsync(new Uri(separate.MetricsUrl, "/metrics"), Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE ", text, StringComparison.Ordinal);
        Assert.NotEmpty(PrometheusScrape.Parse(text).Samples);
    }

    [Fact]
    public async Task Scrape_SeparateListener_MainPortDoesNotAnswerIt()
    {
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(separate, separate.BaseUrl, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(separate, separate.BaseUrl, "/v1/models", separate.UserKey));
    }

    [Theory]
    [InlineData("/v1/models")]
    [InlineData("/v1/chat/completions")]
    [InlineData("/admin/accounts")]
    [InlineData("/")]
    public async Task MetricsListener_ApiPath_404EvenWithAValidKey(string path)
    {
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(separate, separate.MetricsUrl, path, separate.AdminKey));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(separate, separate.MetricsUrl, path, separate.UserKey));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task MetricsListener_HealthProbes_Answer(string path) =>
        Assert.Equal(HttpStatusCode.OK, await GetAsync(separate, separate.MetricsUrl, path));

    [Fact]
    public async Task Scrape_TelemetryOff_404AndTheApiStillWorks()
    {
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(off, off.BaseUrl, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(off, off.BaseUrl, "/v1/models", off.UserKey));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(off, off.BaseUrl, "/healthz"));
    }

    [Fact]
    public async Task Scrape_PathChanged_AnswersOnTheNewPathOnly()
    {
        using var response = await moved.Http.GetAsync(new Uri(moved.BaseUrl, MetricsPathFixture.Path), Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(PrometheusScrape.Parse(text).Samples);
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(moved, moved.BaseUrl, "/metrics"));
    }
}
