using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Tests.Platform.Telemetry;

public sealed class RequestLogScopesTests
{
    [Fact]
    public void Begin_TextLogsWithoutScopes_BeginsNothing()
    {
        var scopes = new RequestLogScopes(NullLoggerFactory.Instance, Options.Create(new TelemetryOptions()), Configuration());

        Assert.False(scopes.Enabled);
        Assert.Null(scopes.Begin("req_1"));
    }

    [Fact]
    public void Enabled_JsonLogs_True()
    {
        var options = new TelemetryOptions { Logs = { Format = LogsOptions.Json } };

        Assert.True(new RequestLogScopes(NullLoggerFactory.Instance, Options.Create(options), Configuration()).Enabled);
    }

    [Fact]
    public void Enabled_TextLogsWithScopesIncluded_True()
    {
        var configuration = Configuration((RequestLogScopes.IncludeScopesKey, "true"));

        Assert.True(new RequestLogScopes(NullLoggerFactory.Instance, Options.Create(new TelemetryOptions()), configuration).Enabled);
    }

    [Fact]
    public void RequestIdScope_AsTheJsonConsoleReadsIt_OneRequestIdProperty()
    {
        var scope = new RequestIdScope("req_abc");

        Assert.Equal([new KeyValuePair<string, object?>("RequestId", "req_abc")], scope.ToList());
        Assert.Equal("RequestId:req_abc", scope.ToString());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
