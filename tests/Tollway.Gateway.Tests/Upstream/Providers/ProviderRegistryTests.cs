using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Tests.Upstream.Providers;

public sealed class ProviderRegistryTests
{
    private static readonly ProviderTimeouts Timeouts = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

    [Fact]
    public void TryFind_AnyCase_FindsTheProvider()
    {
        using var registry = new ProviderRegistry([Provider("Primary"), Provider("backup")]);

        Assert.True(registry.TryFind("primary", out var found));
        Assert.Equal("Primary", found.Name);
        Assert.True(registry.TryFind("BACKUP", out _));
        Assert.False(registry.TryFind("missing", out var missing));
        Assert.Null(missing);
        Assert.Equal(2, registry.All.Count());
    }

    [Fact]
    public void Constructor_TwoProvidersDifferingOnlyInCase_Throws()
    {
        using var a = Provider("same");
        using var b = Provider("SAME");

        Assert.Throws<ArgumentException>(() => new ProviderRegistry([a, b]));
    }

    [Fact]
    public async Task Dispose_Always_DisposesEveryProvider()
    {
        var provider = Provider("p");
        var registry = new ProviderRegistry([provider]);

        registry.Dispose();

        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:1/");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => provider.Client.SendAsync(request, TestContext.Current.CancellationToken));
    }

    private static UpstreamProvider Provider(string name) =>
        new(name, ProviderPresets.Find("ollama")!, new Uri("http://127.0.0.1:11434/v1"), null, null, new Dictionary<string, string>(), Timeouts);
}
