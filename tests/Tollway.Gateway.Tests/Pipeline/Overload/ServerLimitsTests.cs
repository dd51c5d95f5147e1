using Microsoft.Extensions.Configuration;
using Tollway.Gateway.Pipeline.Overload;
using Tollway.Gateway.Platform.Server;

namespace Tollway.Gateway.Tests.Pipeline.Overload;

public sealed class ServerLimitsTests
{
    [Fact]
    public void Resolve_NothingSetUnderAHighOpenFileLimit_FixedDefaultsThatFit()
    {
        var limits = ServerLimits.Resolve(new ServerOptions(), openFileLimit: 1_048_576);

        Assert.Equal(8192, limits.MaxConcurrentRequests);
        Assert.Equal(16_384, limits.MaxConnections);
        Assert.True(limits.FitOpenFileLimit);
    }

    [Theory]
    [InlineData(1024, 170, 340)]
    [InlineData(4096, 1194, 2388)]
    [InlineData(20_000, 6496, 12_992)]
    [InlineData(25_088, 8192, 16_384)]
    public void Resolve_NothingSet_DerivesLimitsThatUseAtMostTheOpenFileLimit(long openFiles, int requests, int connections)
    {
        var limits = ServerLimits.Resolve(new ServerOptions(), openFiles);

        Assert.Equal(requests, limits.MaxConcurrentRequests);
        Assert.Equal(connections, limits.MaxConnections);
        Assert.True(limits.DescriptorsNeeded <= openFiles, $"{limits.DescriptorsNeeded} descriptors under a limit of {openFiles}");
        Assert.True(limits.FitOpenFileLimit);
    }

    [Fact]
    public void Resolve_OpenFileLimitBelowTheReserve_StillAdmitsOneRequestAndSaysItDoesNotFit()
    {
        var limits = ServerLimits.Resolve(new ServerOptions(), openFileLimit: 400);

        Assert.Equal(1, limits.MaxConcurrentRequests);
        Assert.False(limits.FitOpenFileLimit);
    }

    [Fact]
    public void Resolve_OpenFileLimitUnknown_FixedDefaults()
    {
        var limits = ServerLimits.Resolve(new ServerOptions(), openFileLimit: null);

        Assert.Equal((8192, 16_384), (limits.MaxConcurrentRequests, limits.MaxConnections));
        Assert.True(limits.FitOpenFileLimit);
    }

    [Fact]
    public void Resolve_OnlyRequestsSet_ConnectionsAreTwiceThat()
    {
        var limits = ServerLimits.Resolve(new ServerOptions { MaxConcurrentRequests = 100 }, openFileLimit: 1_048_576);

        Assert.Equal((100, 200), (limits.MaxConcurrentRequests, limits.MaxConnections));
    }

    [Fact]
    public void Resolve_SetAboveTheOpenFileLimit_KeptAsSetButReportedAsNotFitting()
    {
        var limits = ServerLimits.Resolve(new ServerOptions { MaxConcurrentRequests = 10_000, MaxConnections = 15_000 }, openFileLimit: 20_000);

        Assert.Equal((10_000, 15_000), (limits.MaxConcurrentRequests, limits.MaxConnections));
        Assert.Equal(10_000 + 15_000 + ServerLimits.ReservedDescriptors, limits.DescriptorsNeeded);
        Assert.False(limits.FitOpenFileLimit);
    }

    [Fact]
    public void Resolve_HugeRequestLimit_ConnectionsDoNotOverflow()
    {
        var limits = ServerLimits.Resolve(new ServerOptions { MaxConcurrentRequests = int.MaxValue }, openFileLimit: null);

        Assert.Equal(int.MaxValue, limits.MaxConnections);
    }

    [Fact]
    public void Resolve_FromConfiguration_ReadsBothKeys()
    {
        var limits = ServerLimits.Resolve(Section(("MaxConcurrentRequests", "10"), ("MaxConnections", "15")), openFileLimit: 1_048_576);

        Assert.Equal((10, 15), (limits.MaxConcurrentRequests, limits.MaxConnections));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public void Resolve_FromConfigurationWithAValueValidationRefuses_UsesTheDefaultMeanwhile(string value)
    {
        var limits = ServerLimits.Resolve(Section(("MaxConcurrentRequests", value), ("MaxConnections", value)), openFileLimit: null);

        Assert.Equal((8192, 16_384), (limits.MaxConcurrentRequests, limits.MaxConnections));
    }

    private static IConfiguration Section(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"Server:{v.Key}", v.Value)))
            .Build()
            .GetSection("Server");
}
