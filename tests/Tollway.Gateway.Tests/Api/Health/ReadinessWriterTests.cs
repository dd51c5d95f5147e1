using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Api.Health;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Tests.Api.Health;

public sealed class ReadinessWriterTests
{
    private const string Token = "scrape-token-0123456789";

    private static readonly TelemetryAccess Access = new(Options.Create(new TelemetryOptions { Metrics = { BearerToken = Token } }));

    [Fact]
    public async Task WriteAsync_DetailAskedByAnAddressNotAdmitted_ThePlainAnswerOnly()
    {
        var context = Context("203.0.113.5", "?detail=true", accept: "application/json");

        var body = await WriteAsync(context, Report(("database", Entry(HealthStatus.Unhealthy, "database unavailable"))));

        Assert.Equal("database unavailable", body);
        Assert.StartsWith("text/plain", context.Response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_DetailAskedWithTheBearerToken_EveryCheckAsJson()
    {
        var context = Context("203.0.113.5", "?detail=true");
        context.Request.Headers.Authorization = "Bearer " + Token;
        var report = Report(
            ("database", Entry(HealthStatus.Healthy, "database answers")),
            ("chain", new HealthReportEntry(HealthStatus.Degraded, "base: polling fails", TimeSpan.FromMilliseconds(1.5), null,
                new Dictionary<string, object> { ["lag"] = 12L, ["base"] = "polling fails" })));

        var detail = JsonDocument.Parse(await WriteAsync(context, report)).RootElement;

        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal("degraded", detail.GetProperty("status").GetString());
        var chain = detail.GetProperty("checks").GetProperty("chain");
        Assert.Equal(("degraded", "base: polling fails", 1.5), (chain.GetProperty("status").GetString(), chain.GetProperty("description").GetString(), chain.GetProperty("duration_ms").GetDouble()));
        Assert.Equal(12, chain.GetProperty("data").GetProperty("lag").GetInt64());
        Assert.Equal("polling fails", chain.GetProperty("data").GetProperty("base").GetString());
        Assert.Equal("healthy", detail.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task WriteAsync_ACheckThrew_ItsExceptionTypeShownNeverItsMessage()
    {
        var failure = new InvalidOperationException("could not reach postgres://tollway:hunter2-secret@db:5432");
        var report = Report(("database", new HealthReportEntry(HealthStatus.Unhealthy, failure.Message, TimeSpan.Zero, failure, null)));

        var detail = await WriteAsync(Context("127.0.0.1", "?detail=true"), report);
        var plain = await WriteAsync(Context("127.0.0.1", ""), report);

        Assert.Equal("database check failed (InvalidOperationException)",
            JsonDocument.Parse(detail).RootElement.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
        Assert.Equal("database check failed", plain);
        Assert.DoesNotContain("hunter2", detail + plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_SomeChecksDegradedOthersHealthy_ReadyNamingTheDegradedOnes()
    {
        var report = Report(("redis", Entry(HealthStatus.Degraded, "x")), ("database", Entry(HealthStatus.Healthy, "y")), ("chain", Entry(HealthStatus.Degraded, "z")));

        Assert.Equal("ready (degraded: chain, redis)", ReadinessWriter.Plain(report));
    }

    [Fact]
    public void Plain_TwoChecksUnhealthy_BothReasons()
    {
        var report = Report(("database", Entry(HealthStatus.Unhealthy, "database unavailable")), ("charge_writer", Entry(HealthStatus.Unhealthy, "charges behind")), ("chain", Entry(HealthStatus.Degraded, "z")));

        Assert.Equal("charges behind; database unavailable", ReadinessWriter.Plain(report));
    }

    private static HealthReportEntry Entry(HealthStatus status, string description) => new(status, description, TimeSpan.FromMilliseconds(1), null, null);

    private static HealthReport Report(params (string Name, HealthReportEntry Entry)[] entries) =>
        new(entries.ToDictionary(e => e.Name, e => e.Entry), TimeSpan.FromMilliseconds(2));

    private static DefaultHttpContext Context(string remoteAddress, string query, string? accept = null)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton(Access).BuildServiceProvider(),
        };
        context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
        context.Request.QueryString = new QueryString(query);
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<string> WriteAsync(HttpContext context, HealthReport report)
    {
        await ReadinessWriter.WriteAsync(context, report);
        await context.Response.BodyWriter.FlushAsync();
        return Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
    }
}
