using Microsoft.Extensions.Configuration;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Tests.Platform.Configuration;

public sealed class ConfigurationKeyCheckerTests
{
    [Fact]
    public void FindUnknownKeys_EveryDocumentedKey_FindsNone()
    {
        var configuration = Build(new()
        {
            ["Server:Urls"] = "http://127.0.0.1:8080",
            ["Server:MaxRequestBodyBytes"] = "1024",
            ["Database:SqlitePath"] = "x.db",
            ["RequestLog:BatchSize"] = "10",
            ["RequestLog:FlushInterval"] = "00:00:01",
            ["RequestLog:QueueCapacity"] = "100",
            ["Providers:p:Preset"] = "openai",
            ["Providers:p:BaseUrl"] = "https://example.com/v1",
            ["Providers:p:ApiKey"] = "k",
            ["Providers:p:ApiKeyEnv"] = "K",
            ["Providers:p:ApiVersion"] = "2024-10-21",
            ["Providers:p:Headers:X-Title"] = "Tollway",
            ["Providers:p:Timeouts:Connect"] = "00:00:05",
            ["Providers:p:Timeouts:FirstByte"] = "00:00:30",
            ["Providers:p:Timeouts:Total"] = "00:05:00",
            ["Models:m:Type"] = "chat",
            ["Models:m:DisplayName"] = "M",
            ["Models:m:Description"] = "d",
            ["Models:m:Endpoints:0:Provider"] = "p",
            ["Models:m:Endpoints:0:Model"] = "upstream",
            ["Models:m:Endpoints:0:ContextLength"] = "128000",
            ["Models:m:Endpoints:0:MaxOutputTokens"] = "4096",
            ["Models:m:Endpoints:0:Pricing:Input"] = "1",
            ["Models:m:Endpoints:0:Pricing:CachedInput"] = "1",
            ["Models:m:Endpoints:0:Pricing:CacheWrite"] = "1",
            ["Models:m:Endpoints:0:Pricing:Output"] = "1",
            ["Models:m:Endpoints:0:Pricing:Reasoning"] = "1",
            ["Models:m:Endpoints:0:Pricing:Request"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        });

        Assert.Empty(ConfigurationKeyChecker.FindUnknownKeys(configuration, GatewayConfiguration.Sections));
    }

    [Fact]
    public void FindUnknownKeys_KeysInAnyCase_FindsNone() =>
        Assert.Empty(ConfigurationKeyChecker.FindUnknownKeys(
            Build(new() { ["server:urls"] = "http://127.0.0.1:1", ["PROVIDERS:p:BASEURL"] = "https://x" }),
            GatewayConfiguration.Sections));

    [Fact]
    public void FindUnknownKeys_Typos_ReportsEachFullPath()
    {
        var configuration = Build(new()
        {
            ["Sever:Urls"] = "x",
            ["Providers:openai:BaseUrll"] = "https://x",
            ["Providers:openai:Timeouts:Totl"] = "00:00:01",
            ["Models:m:Endpoints:1:Pricing:Inptu"] = "1",
            ["Models:m:Endpoints:1:Provider"] = "openai",
        });

        var unknown = ConfigurationKeyChecker.FindUnknownKeys(configuration, GatewayConfiguration.Sections).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["Models:m:Endpoints:1:Pricing:Inptu", "Providers:openai:BaseUrll", "Providers:openai:Timeouts:Totl", "Sever"],
            unknown);
    }

    [Fact]
    public void FindUnknownKeys_SectionSeveralAreasRead_KnowsEveryAreasKeysAndReportsTheRest()
    {
        var configuration = Build(new()
        {
            ["Billing:MarkupPercent"] = "10",
            ["Billing:KeySpendRefresh"] = "00:00:05",
            ["Billing:LeaseTtl"] = "00:01:00",
            ["Billing:LeaseTll"] = "00:01:00",
        });

        Assert.Equal(["Billing:LeaseTll"], ConfigurationKeyChecker.FindUnknownKeys(configuration, GatewayConfiguration.Sections));
    }

    [Theory]
    [InlineData("Server:Urls:0")]
    [InlineData("Providers:p:Headers:X-Title:nested")]
    [InlineData("Models:m:Endpoints:0:Pricing:Input:value")]
    public void FindUnknownKeys_ObjectWhereAValueBelongs_IsReported(string key)
    {
        var unknown = ConfigurationKeyChecker.FindUnknownKeys(Build(new() { [key] = "x" }), GatewayConfiguration.Sections);

        var reported = Assert.Single(unknown);
        Assert.EndsWith("(expected a single value, found an object)", reported, StringComparison.Ordinal);
        Assert.StartsWith(key[..key.LastIndexOf(':')], reported, StringComparison.Ordinal);
    }

    private static IConfigurationRoot Build(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
