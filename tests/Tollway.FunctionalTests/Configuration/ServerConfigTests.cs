using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Hosting;

namespace Tollway.FunctionalTests.Configuration;

/// <summary>The slow-client limits reach Kestrel from <c>server.*</c>; out of range, they are reported with the rest of the
/// configuration's mistakes rather than thrown while the host is built.</summary>
public sealed class ServerConfigTests
{
    [Fact]
    public async Task Build_SlowClientLimits_AreKestrelsLimits()
    {
        await using var app = GatewayHost.Build(Settings(new()
        {
            ["Server:MinRequestBodyBytesPerSecond"] = "12345",
            ["Server:MinRequestBodyRateGracePeriod"] = "00:00:07",
            ["Server:RequestHeadersTimeout"] = "00:00:03",
        }));

        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(12345, limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(7), limits.MinRequestBodyDataRate.GracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(3), limits.RequestHeadersTimeout);
    }

    [Fact]
    public async Task Build_SlowClientLimitsOutOfRange_AreReportedByTheValidatorNamingEachKey()
    {
        await using var app = GatewayHost.Build(Settings(new()
        {
            ["Server:MinRequestBodyBytesPerSecond"] = "0",
            ["Server:MinRequestBodyRateGracePeriod"] = "00:00:01",
            ["Server:RequestHeadersTimeout"] = "00:00:00",
            ["Server:MaxUpstreamResponseBytes"] = "-1",
        }));

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<ConfigurationCheck>().ThrowIfInvalid());

        var keys = error.Failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]).ToList();
        Assert.Equal(
            ["Server:MaxUpstreamResponseBytes", "Server:MinRequestBodyBytesPerSecond", "Server:MinRequestBodyRateGracePeriod", "Server:RequestHeadersTimeout"],
            keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("unknown key", StringComparison.Ordinal));
    }

    private static GatewayHostSettings Settings(Dictionary<string, string?> server) => new()
    {
        Overrides = new Dictionary<string, string?>(server)
        {
            ["Server:Urls"] = "http://127.0.0.1:0",
            ["Database:SqlitePath"] = Path.Combine(Path.GetTempPath(), "tollway-tests", Guid.NewGuid().ToString("N"), "t.db"),
        },
    };
}
