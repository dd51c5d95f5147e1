using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Api.Telemetry;
using Tollway.Gateway.Platform.Telemetry;
using static Tollway.Gateway.Tests.Platform.Telemetry.TelemetryCaller;

namespace Tollway.Gateway.Tests.Api.Telemetry;

/// <summary>The scrape's gate for a caller that is not on loopback (the functional tests can only call from loopback,
/// which is always admitted).</summary>
public sealed class MetricsEndpointTests
{
    private const string Token = "scrape-token-7f3a9c0b";

    private static TelemetryAccess Access(string? token) => new(Options.Create(new TelemetryOptions
    {
        Metrics = new MetricsOptions { AllowedNetworks = ["10.20.0.0/16"], BearerToken = token },
    }));

    /// <summary>Runs the gate; whether it passed the request on to the scrape.</summary>
    private static async Task<bool> AdmitAsync(HttpContext context, TelemetryAccess access)
    {
        var scraped = false;
        await MetricsEndpoint.Admit(context, _ => { scraped = true; return Task.CompletedTask; }, access);
        return scraped;
    }

    [Fact]
    public async Task Admit_RemoteWithoutTokenWhenOneIsConfigured_401WithBearerChallenge()
    {
        var context = From("203.0.113.9");

        Assert.False(await AdmitAsync(context, Access(Token)));
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal("Bearer", context.Response.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task Admit_RemoteWithWrongToken_401WithBearerChallenge()
    {
        var context = From("203.0.113.9", "Bearer scrape-token-7f3a9c0c");

        Assert.False(await AdmitAsync(context, Access(Token)));
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal("Bearer", context.Response.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public async Task Admit_RemoteWhenNoTokenIsConfigured_403WithoutChallenge()
    {
        var context = From("203.0.113.9", "Bearer " + Token);

        Assert.False(await AdmitAsync(context, Access(token: null)));
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("WWW-Authenticate"));
    }

    [Theory]
    [InlineData("203.0.113.9", "Bearer " + Token)]
    [InlineData("10.20.3.4", null)]
    [InlineData("127.0.0.1", null)]
    public async Task Admit_AdmittedCaller_PassesToTheScrapeUntouched(string address, string? authorization)
    {
        var context = From(address, authorization);

        Assert.True(await AdmitAsync(context, Access(Token)));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("WWW-Authenticate"));
    }
}
