using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Chain.Hosting;
using Tollway.Chain.X402;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Hosting;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Hosting;

namespace Tollway.FunctionalTests.Configuration;

/// <summary>Every sample config shipped in <c>config/</c> is valid as written, once its provider keys are in the environment.</summary>
public sealed class ExampleConfigTests
{
    public static TheoryData<string> ExampleFiles()
    {
        var files = Directory.GetFiles(RepositoryFiles.PathOf("config"), "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path))
            .Order(StringComparer.Ordinal);
        return [.. files];
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void ExampleConfig_WithKeysInTheEnvironment_IsValidAndDefinesModels(string relativePath)
    {
        var builder = new ConfigurationBuilder();
        TollwayConfiguration.AddSources(builder, RepositoryFiles.PathOf(relativePath), overrides: null);
        var configuration = builder.Build();
        var options = CatalogSources.Bind(configuration);
        var environment = new EveryVariableSet();

        var failures = Failures(configuration, environment);

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        using var providers = CatalogBuilder.BuildProviders(options.Providers, environment);
        Assert.NotEmpty(CatalogBuilder.BuildCatalog(options, providers, DateTimeOffset.UnixEpoch).Models);
    }

    [Theory]
    [InlineData("anthropic", "https://api.anthropic.com/v1/messages", "https://api.anthropic.com/v1/messages", "x-api-key")]
    [InlineData("gemini", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", "x-goog-api-key")]
    public void NativeExample_Provider_SpeaksItsOwnApiWithTheKeyInAHeader(string preset, string url, string streamUrl, string keyHeader)
    {
        var builder = new ConfigurationBuilder();
        TollwayConfiguration.AddSources(builder, RepositoryFiles.PathOf("config", "examples", preset + ".json"), overrides: null);
        var options = CatalogSources.Bind(builder.Build());
        var environment = new EveryVariableSet();
        using var providers = CatalogBuilder.BuildProviders(options.Providers, environment);
        var endpoint = CatalogBuilder.BuildCatalog(options, providers, DateTimeOffset.UnixEpoch).Models
            .Single(model => options.Models.ContainsKey(model.Id)).Primary;  // the example's own model, not a shipped one

        Assert.Equal(preset, endpoint.Provider.Preset.WireFormat.ToString(), ignoreCase: true);
        Assert.Equal(url, endpoint.Provider.GetOperationUri(Tollway.Gateway.Wire.GatewayOperation.ChatCompletions, endpoint.UpstreamModel).ToString());
        Assert.Equal(streamUrl, endpoint.Provider.GetOperationUri(Tollway.Gateway.Wire.GatewayOperation.ChatCompletions, endpoint.UpstreamModel, stream: true).ToString());
        using var request = new HttpRequestMessage();
        endpoint.Provider.ApplyHeaders(request.Headers);
        Assert.StartsWith("test-key-for-", request.Headers.GetValues(keyHeader).Single(), StringComparison.Ordinal);
        Assert.False(request.Headers.Contains("Authorization"));
    }

    [Fact]
    public void Examples_ContainNoApiKey()
    {
        foreach (var relativePath in ExampleFiles().Select(row => row.Data))
        {
            var text = File.ReadAllText(RepositoryFiles.PathOf(relativePath));
            Assert.DoesNotContain("\"apiKey\"", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Examples_CoverEveryProviderPreset()
    {
        var examples = Directory.GetFiles(RepositoryFiles.PathOf("config", "examples"), "*.json").Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(
            Tollway.Gateway.Upstream.Providers.ProviderPresets.All.Select(p => p.Name).Order(StringComparer.Ordinal),
            examples.Order(StringComparer.Ordinal));
    }

    /// <summary>What <c>tollway config check</c> reports of the configuration: the gateway's, the chains' and x402's checks.</summary>
    private static IReadOnlyList<string> Failures(IConfiguration configuration, IEnvironmentVariables environment)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(environment);
        services.AddTollwayGateway(configuration);
        services.AddTollwayChain();
        services.AddTollwayX402();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<ConfigurationCheck>().Failures();
    }

    private sealed class EveryVariableSet : IEnvironmentVariables
    {
        public string? Read(string name) => "test-key-for-" + name;
    }
}
