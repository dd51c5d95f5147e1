using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Telemetry;
using static Tollway.Gateway.Tests.Platform.Telemetry.TelemetryCaller;

namespace Tollway.Gateway.Tests.Platform.Telemetry;

public sealed class TelemetryAccessTests
{
    private const string Token = "scrape-token-7f3a9c";

    private static TelemetryAccess Access(string? token = Token) => new(Options.Create(new TelemetryOptions
    {
        Metrics = new MetricsOptions { AllowedNetworks = ["10.20.0.0/16"], BearerToken = token },
    }));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Allows_Loopback_IsAllowed(string address) => Assert.True(Access().Allows(From(address)));

    [Theory]
    [InlineData("10.20.3.4")]
    [InlineData("::ffff:10.20.3.4")]
    public void Allows_AddressInAllowedNetwork_IsAllowed(string address) => Assert.True(Access().Allows(From(address)));

    [Theory]
    [InlineData("10.21.0.1")]
    [InlineData("203.0.113.9")]
    [InlineData("2001:db8::1")]
    public void Allows_OtherAddressWithoutToken_IsRefused(string address) => Assert.False(Access().Allows(From(address)));

    [Fact]
    public void Allows_OtherAddressWithTheRightToken_IsAllowed() => Assert.True(Access().Allows(From("203.0.113.9", "Bearer " + Token)));

    [Theory]
    [InlineData("Bearer scrape-token-7f3a9d")]
    [InlineData("Bearer scrape-token")]
    [InlineData("Bearer scrape-token-7f3a9c-and-more")]
    [InlineData("Basic scrape-token-7f3a9c")]
    [InlineData("Bearer ")]
    public void Allows_OtherAddressWithAWrongToken_IsRefused(string authorization) =>
        Assert.False(Access().Allows(From("203.0.113.9", authorization)));

    [Fact]
    public void Allows_NoTokenConfigured_AnyTokenIsRefused()
    {
        var access = Access(token: null);

        Assert.False(access.TakesToken);
        Assert.False(access.Allows(From("203.0.113.9", "Bearer ")));
    }
}
