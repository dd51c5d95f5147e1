using Microsoft.Extensions.Configuration;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Configuration;
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
        var options = configuration.Get<TollwayOptions>()!;
        var environment = new EveryVariableSet();

        var result = new TollwayOptionsValidator(new TollwayConfigurationSection(configuration), environment).Validate(null, options);

        Assert.True(result.Succeeded, string.Join('\n', result.Failures ?? []));
        var chains = new Tollway.Chain.Chains.ChainOptionsValidator().Validate(null, options);
        Assert.True(chains.Succeeded, string.Join('\n', chains.Failures ?? []));
        using var providers = CatalogBuilder.BuildProviders(options, environment);
        Assert.NotEmpty(CatalogBuilder.BuildCatalog(options, providers, DateTimeOffset.UnixEpoch).Models);
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
            Tollway.Gateway.Providers.ProviderPresets.All.Select(p => p.Name).Order(StringComparer.Ordinal),
            examples.Order(StringComparer.Ordinal));
    }

    private sealed class EveryVariableSet : IEnvironmentVariables
    {
        public string? Read(string name) => "test-key-for-" + name;
    }
}
