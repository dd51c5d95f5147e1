namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// The gateway with small limits on what clients and providers may make it hold, so each limit is reached in a test
/// in moments: bodies up to 2 MiB (room for a megabyte of model name), provider answers up to 64 KiB, request bodies
/// at 50,000 bytes per second after a two-second grace, and two seconds to send the headers.
/// </summary>
public sealed class BoundedGatewayFixture : GatewayFixture
{
    public const int MaxUpstreamResponseBytes = 64 * 1024;

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Server:MaxRequestBodyBytes"] = (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Server:MaxUpstreamResponseBytes"] = MaxUpstreamResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Server:MinRequestBodyBytesPerSecond"] = "50000";
        configuration["Server:MinRequestBodyRateGracePeriod"] = "00:00:02";
        configuration["Server:RequestHeadersTimeout"] = "00:00:02";
        return configuration;
    }
}
