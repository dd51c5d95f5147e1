using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Tollway.FunctionalTests.Health;

/// <summary>
/// <c>/readyz</c> on ASP.NET Core's health checks: 503 with a short reason when the database does not answer or charges
/// wait longer than <c>Health:MaxChargeWait</c>, 200 when a check is only degraded (the chain's, at worst), and every
/// check's status, description and duration as JSON for a caller that asks and may read it. <c>/healthz</c> checks
/// nothing but that the process answers.
/// </summary>
public sealed class ReadinessTests(ReadinessFixture gateway) : IClassFixture<ReadinessFixture>
{
    private const string Chat = """{"model":"gpt-4o-mini","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetReadyz_EveryCheckPasses_200Ready()
    {
        var (status, body) = await GetAsync("/readyz");

        Assert.Equal((HttpStatusCode.OK, "ready"), (status, body));
    }

    [Fact]
    public async Task GetReadyz_DatabaseDown_503DatabaseUnavailableWhileLivenessStays200()
    {
        gateway.DatabaseDown = true;
        try
        {
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "database unavailable"), await GetAsync("/readyz"));
            Assert.Equal((HttpStatusCode.OK, "ok"), await GetAsync("/healthz"));
        }
        finally
        {
            gateway.DatabaseDown = false;
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/readyz")).Status);
    }

    [Fact]
    public async Task GetReadyz_ChargesWaitLongerThanMaxChargeWait_503ChargesBehindUntilTheyAreWritten()
    {
        gateway.Commits.Close();
        Task<HttpResponseMessage> served;
        try
        {
            served = gateway.PostAsync("/v1/chat/completions", Chat);
            var (status, body) = await WaitForReadyzAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("charges behind", body);
            var detail = await GetDetailAsync();
            var writer = detail.GetProperty("checks").GetProperty("charge_writer");
            Assert.Equal("unhealthy", writer.GetProperty("status").GetString());
            Assert.True(writer.GetProperty("data").GetProperty("oldest_waiting_seconds").GetDouble() > 0.2);
            Assert.Equal(0.2, writer.GetProperty("data").GetProperty("limit_seconds").GetDouble());
        }
        finally
        {
            gateway.Commits.Open();
        }

        using var response = await served;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", (await WaitForReadyzAsync(HttpStatusCode.OK)).Body);
    }

    [Fact]
    public async Task GetReadyz_ACheckDegraded_200NamingItAndItsDetailForAnAllowedCaller()
    {
        gateway.Degraded = true;
        try
        {
            Assert.Equal((HttpStatusCode.OK, $"ready (degraded: {ReadinessFixture.DegradedCheck})"), await GetAsync("/readyz"));
            var detail = await GetDetailAsync();
            Assert.Equal("degraded", detail.GetProperty("status").GetString());
            var check = detail.GetProperty("checks").GetProperty(ReadinessFixture.DegradedCheck);
            Assert.Equal("degraded", check.GetProperty("status").GetString());
            Assert.Equal("the test's dependency does not answer", check.GetProperty("description").GetString());
        }
        finally
        {
            gateway.Degraded = false;
        }
    }

    [Theory]
    [InlineData("/readyz?detail=true", null)]
    [InlineData("/readyz", "application/json")]
    public async Task GetReadyz_DetailAskedFromLoopback_EveryCheckWithStatusDescriptionAndDuration(string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseUrl, path));
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await gateway.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("healthy", detail.GetProperty("status").GetString());
        var checks = detail.GetProperty("checks");
        foreach (var name in new[] { "database", "api_keys", "catalog", "charge_writer", ReadinessFixture.DegradedCheck })
        {
            var check = checks.GetProperty(name);
            Assert.Equal("healthy", check.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(check.GetProperty("description").GetString()));
            Assert.InRange(check.GetProperty("duration_ms").GetDouble(), 0, 10_000);
        }

        Assert.Equal(gateway.Services.GetRequiredService<Tollway.Gateway.Catalog.Models.CatalogState>().Current.Models.Count,
            checks.GetProperty("catalog").GetProperty("data").GetProperty("models").GetInt32());
    }

    [Fact]
    public async Task GetHealthz_DetailAsked_StillTheShortAnswer()
    {
        Assert.Equal((HttpStatusCode.OK, "ok"), await GetAsync("/healthz?detail=true"));
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await gateway.Http.GetAsync(new Uri(gateway.BaseUrl, path), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<JsonElement> GetDetailAsync()
    {
        var (_, body) = await GetAsync("/readyz?detail=true");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<(HttpStatusCode Status, string Body)> WaitForReadyzAsync(HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var answer = await GetAsync("/readyz");
            if (answer.Status == expected || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, answer.Status);
                return answer;
            }

            await Task.Delay(50, Ct);
        }
    }
}
