using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Tests.Catalog.Models;

public sealed class ModelCatalogTests : IDisposable
{
    private readonly UpstreamProvider _provider = new(
        "local",
        ProviderPresets.Find("ollama")!,
        new Uri("http://127.0.0.1:11434/v1"),
        null,
        null,
        new Dictionary<string, string>(),
        new ProviderTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

    [Fact]
    public void TryFind_ExactId_FindsTheModel()
    {
        var catalog = new ModelCatalog([Model("gpt-4o"), Model("llama3.1")]);

        Assert.True(catalog.TryFind("gpt-4o", out var model));
        Assert.Equal("gpt-4o", model.Id);
    }

    [Theory]
    [InlineData("GPT-4o")]
    [InlineData("gpt-4O")]
    [InlineData("gpt-4o ")]
    [InlineData("")]
    public void TryFind_IdInOtherCaseOrSpelling_FindsNothing(string id)
    {
        var catalog = new ModelCatalog([Model("gpt-4o")]);

        Assert.False(catalog.TryFind(id, out var model));
        Assert.Null(model);
    }

    [Fact]
    public void TryFind_IdsDifferingOnlyInCase_AreDistinctModels()
    {
        var catalog = new ModelCatalog([Model("Model"), Model("model")]);

        Assert.True(catalog.TryFind("Model", out var upper));
        Assert.True(catalog.TryFind("model", out var lower));
        Assert.NotSame(upper, lower);
    }

    [Fact]
    public void Models_Always_AreOrderedByOrdinalId() =>
        Assert.Equal(
            ["B", "a", "gpt-4o", "gpt-4o-mini", "z"],
            new ModelCatalog([Model("z"), Model("gpt-4o-mini"), Model("a"), Model("B"), Model("gpt-4o")]).Models.Select(m => m.Id));

    [Fact]
    public void Constructor_NoModels_IsEmpty()
    {
        var catalog = new ModelCatalog([]);

        Assert.Empty(catalog.Models);
        Assert.False(catalog.TryFind("any", out _));
    }

    public void Dispose() => _provider.Dispose();

    private CatalogModel Model(string id) =>
        new(id, ModelKind.Chat, id, null, [new ModelEndpoint(_provider, id, ModelPricing.Free, null, null)], DateTimeOffset.UnixEpoch);
}
