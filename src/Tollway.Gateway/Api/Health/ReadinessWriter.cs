using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Primitives;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Api.Health;

/// <summary>
/// Writes <c>/readyz</c>'s answer. A load balancer gets a short text: <c>ready</c>, <c>ready (degraded: chain)</c>, or
/// the reasons it is not (<c>database unavailable</c>). An operator's monitoring gets every check's status, description,
/// duration and figures as JSON by asking for it (<c>?detail=true</c> or <c>Accept: application/json</c>), when
/// <see cref="TelemetryAccess"/> admits it (loopback, an allowed network, the bearer token); anyone else asking gets the
/// text, with the same status code. A check that threw is shown by its exception's type only: a message may quote a
/// connection string or an RPC URL.
/// </summary>
internal static class ReadinessWriter
{
    /// <summary>Writes the report as the caller asked and may read it.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        WantsDetail(context.Request) && context.RequestServices.GetRequiredService<TelemetryAccess>().Allows(context)
            ? WriteDetailAsync(context.Response, report)
            : WritePlainAsync(context.Response, report);

    /// <summary>The plain answer: what a load balancer matches on.</summary>
    public static string Plain(HealthReport report) => report.Status switch
    {
        HealthStatus.Healthy => ReadinessReasons.Ready,
        HealthStatus.Degraded => $"{ReadinessReasons.Ready} (degraded: {string.Join(", ", Named(report, HealthStatus.Degraded).Select(e => e.Key))})",
        _ => string.Join("; ", Named(report, HealthStatus.Unhealthy).Select(e => Reason(e.Key, e.Value))),
    };

    private static bool WantsDetail(HttpRequest request) =>
        request.Query["detail"] is var detail && detail.Count > 0 && string.Equals(detail[0], "true", StringComparison.OrdinalIgnoreCase)
        || AcceptsJson(request.Headers.Accept);

    private static bool AcceptsJson(StringValues accept)
    {
        foreach (var value in accept)
        {
            if (value?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<KeyValuePair<string, HealthReportEntry>> Named(HealthReport report, HealthStatus status) =>
        report.Entries.Where(e => e.Value.Status == status).OrderBy(e => e.Key, StringComparer.Ordinal);

    private static string Reason(string name, HealthReportEntry entry) =>
        entry.Exception is null && !string.IsNullOrEmpty(entry.Description) ? entry.Description : $"{name} check failed";

    private static Task WritePlainAsync(HttpResponse response, HealthReport report)
    {
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(Plain(report));
    }

    private static async Task WriteDetailAsync(HttpResponse response, HealthReport report)
    {
        response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("status", Status(report.Status));
        json.WriteNumber("duration_ms", Milliseconds(report.TotalDuration));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(name);
            WriteEntry(json, name, entry);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync();
    }

    private static void WriteEntry(Utf8JsonWriter json, string name, HealthReportEntry entry)
    {
        json.WriteString("status", Status(entry.Status));
        json.WriteString("description", entry.Exception is { } error ? $"{name} check failed ({error.GetType().Name})" : entry.Description);
        json.WriteNumber("duration_ms", Milliseconds(entry.Duration));
        if (entry.Data.Count > 0)
        {
            json.WriteStartObject("data");
            foreach (var (key, value) in entry.Data)
            {
                WriteValue(json, key, value);
            }

            json.WriteEndObject();
        }
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object value)
    {
        switch (value)
        {
            case int number:
                json.WriteNumber(key, number);
                break;
            case long number:
                json.WriteNumber(key, number);
                break;
            case double number:
                json.WriteNumber(key, number);
                break;
            case bool flag:
                json.WriteBoolean(key, flag);
                break;
            default:
                json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 3);
}
