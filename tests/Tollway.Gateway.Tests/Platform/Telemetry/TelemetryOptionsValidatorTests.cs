using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Platform.Server;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Tests.Platform.Telemetry;

public sealed class TelemetryOptionsValidatorTests
{
    private const string GoodToken = "scrape-token-7f3a9c0b";

    private static ValidateOptionsResult Validate(TelemetryOptions options) => new TelemetryOptionsValidator().Validate(null, options);

    private static ValidateOptionsResult ValidateMetrics(MetricsOptions metrics) => Validate(new TelemetryOptions { Metrics = metrics });

    /// <summary>Refused with exactly one problem, under <paramref name="key"/>, so that another rule firing instead does not pass.</summary>
    private static string AssertRefused(ValidateOptionsResult result, string key)
    {
        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(key + ": ", failure, StringComparison.Ordinal);
        return failure;
    }

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.True(Validate(new TelemetryOptions()).Succeeded);

    [Fact]
    public void Validate_EverySettingValid_Succeeds()
    {
        var options = new TelemetryOptions
        {
            Enabled = true,
            Metrics = new MetricsOptions
            {
                Path = "/internal/prometheus",
                Urls = " http://127.0.0.1:9464 ; https://[::1]:9465 ",
                AllowedNetworks = ["10.0.0.0/8", "192.168.1.7/32", "fd00::/8"],
                BearerToken = GoodToken,
            },
            Traces = new TracesOptions { Enabled = true, SampleRatio = 0 },
            Logs = new LogsOptions { Format = LogsOptions.Json },
        };

        Assert.True(Validate(options).Succeeded);
        Assert.True(Validate(new TelemetryOptions { Traces = new TracesOptions { SampleRatio = 1 } }).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("metrics")]
    public void Validate_PathNotAbsoluteOrEmpty_FailsNamingTheKey(string path) =>
        AssertRefused(ValidateMetrics(new MetricsOptions { Path = path }), "Telemetry:Metrics:Path");

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("ftp://127.0.0.1:9464")]
    [InlineData("unix:/tmp/metrics.sock")]
    [InlineData("127.0.0.1:9464")]
    [InlineData("not a url")]
    public void Validate_UrlNotHttpOrPortZero_FailsNamingTheKeyAndTheUrl(string url)
    {
        var failure = AssertRefused(ValidateMetrics(new MetricsOptions { Urls = $"http://127.0.0.1:9464;{url}" }), "Telemetry:Metrics:Urls");

        Assert.Contains($"'{url}'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadNetwork_FailsNamingItsIndex()
    {
        var failure = AssertRefused(ValidateMetrics(new MetricsOptions { AllowedNetworks = ["10.0.0.0/8", "10.0.0.0/33"] }), "Telemetry:Metrics:AllowedNetworks:1");

        Assert.Contains("'10.0.0.0/33'", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0/-1")]
    [InlineData("fd00::/129")]
    [InlineData("ten-dot-zero")]
    [InlineData("")]
    public void Validate_NotACidrNetwork_FailsNamingItsIndex(string network) =>
        AssertRefused(ValidateMetrics(new MetricsOptions { AllowedNetworks = [network] }), "Telemetry:Metrics:AllowedNetworks:0");

    [Theory]
    [InlineData("short-token")]
    [InlineData("scrape-token-7f")]
    [InlineData("    short-token-123    ")]
    [InlineData("                      ")]
    public void Validate_BearerTokenShorterThanSixteenOnceTrimmed_FailsNamingTheKey(string token) =>
        AssertRefused(ValidateMetrics(new MetricsOptions { BearerToken = token }), "Telemetry:Metrics:BearerToken");

    [Fact]
    public void Validate_BearerTokenOfSixteen_Succeeds() =>
        Assert.True(ValidateMetrics(new MetricsOptions { BearerToken = new string('k', TelemetryOptionsValidator.MinBearerTokenLength) }).Succeeded);

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_SampleRatioOutsideZeroToOne_FailsNamingTheKey(double ratio) =>
        AssertRefused(Validate(new TelemetryOptions { Traces = new TracesOptions { SampleRatio = ratio } }), "Telemetry:Traces:SampleRatio");

    [Theory]
    [InlineData("xml")]
    [InlineData("")]
    public void Validate_UnknownLogFormat_FailsNamingTheKey(string format) =>
        AssertRefused(Validate(new TelemetryOptions { Logs = new LogsOptions { Format = format } }), "Telemetry:Logs:Format");

    [Fact]
    public void Validate_MetricsListenerOnAPortOfTheMainListener_FailsNamingThePort()
    {
        var server = new BoundOptions<ServerOptions>(new ServerOptions { Urls = "http://127.0.0.1:8080;http://10.0.0.5:9464" });
        var options = new TelemetryOptions { Metrics = new MetricsOptions { Urls = "http://0.0.0.0:9464" } };

        var failure = AssertRefused(new TelemetryOptionsValidator(server).Validate(null, options), "Telemetry:Metrics:Urls");

        Assert.Contains("port 9464", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MetricsListenerOnAPortOfItsOwn_Succeeds()
    {
        var server = new BoundOptions<ServerOptions>(new ServerOptions { Urls = "http://127.0.0.1:8080" });
        var options = new TelemetryOptions { Metrics = new MetricsOptions { Urls = "http://0.0.0.0:9464" } };

        Assert.True(new TelemetryOptionsValidator(server).Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEach()
    {
        var options = new TelemetryOptions
        {
            Metrics = new MetricsOptions { Path = "metrics", Urls = "http://127.0.0.1:0", AllowedNetworks = ["nope"], BearerToken = "x" },
            Traces = new TracesOptions { SampleRatio = 2 },
            Logs = new LogsOptions { Format = "xml" },
        };

        var failures = Validate(options).Failures!;

        Assert.Equal(
            ["Telemetry:Metrics:Path", "Telemetry:Metrics:Urls", "Telemetry:Metrics:AllowedNetworks:0", "Telemetry:Metrics:BearerToken", "Telemetry:Traces:SampleRatio", "Telemetry:Logs:Format"],
            failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]));
    }
}
