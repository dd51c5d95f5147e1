using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Upstream.Routing;

namespace Tollway.Gateway.Tests.Upstream.Routing;

public sealed class RouterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ProviderRegistry _providers;
    private readonly EndpointHealthRegistry _health;
    private readonly PriceBook _prices = new(PricingSettings.Empty, 0);

    public RouterTests()
    {
        var preset = ProviderPresets.Find("vllm")!;
        var timeouts = new ProviderTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _providers = new ProviderRegistry(new[] { "a", "b", "c" }.Select(name =>
            new UpstreamProvider(name, preset, new Uri($"http://{name}.invalid/v1"), null, null, new Dictionary<string, string>(), timeouts)));
        _health = new EndpointHealthRegistry(Options.Create(new RoutingOptions()), _time);
    }

    [Fact]
    public void Plan_Cheapest_OrdersByPriceKeepingTheConfiguredOrderOnTies()
    {
        var model = Model("cheapest", ("a", 300, 1), ("b", 100, 1), ("c", 100, 1));

        Assert.Equal(["b", "c", "a"], Names(Router(0).Plan(model, model.Endpoints, _prices)));
    }

    [Fact]
    public void Plan_Ordered_KeepsTheConfiguredOrder()
    {
        var model = Model("ordered", ("a", 300, 1), ("b", 100, 1));

        Assert.Equal(["a", "b"], Names(Router(0).Plan(model, model.Endpoints, _prices)));
    }

    [Fact]
    public void Plan_Latency_ShiftsToTheFasterEndpointAsMeasurementsComeIn()
    {
        var model = Model("latency", ("a", 1, 1), ("b", 1, 1));
        _health.For(model.Endpoints[0]).RecordSuccess(TimeSpan.FromMilliseconds(50), null);
        _health.For(model.Endpoints[1]).RecordSuccess(TimeSpan.FromMilliseconds(80), null);
        Assert.Equal("a", Names(Router(0).Plan(model, model.Endpoints, _prices))[0]);

        for (var i = 0; i < 5; i++)
        {
            _health.For(model.Endpoints[0]).RecordSuccess(TimeSpan.FromMilliseconds(400), null);
        }

        Assert.Equal("b", Names(Router(0).Plan(model, model.Endpoints, _prices))[0]);
    }

    [Fact]
    public void Plan_Throughput_PutsTheFasterGeneratorFirst()
    {
        var model = Model("throughput", ("a", 1, 1), ("b", 1, 1));
        _health.For(model.Endpoints[0]).RecordSuccess(TimeSpan.FromMilliseconds(50), 20);
        _health.For(model.Endpoints[1]).RecordSuccess(TimeSpan.FromMilliseconds(50), 90);

        Assert.Equal("b", Names(Router(0).Plan(model, model.Endpoints, _prices))[0]);
    }

    [Fact]
    public void Plan_Weighted_SendsTrafficInProportionToTheWeights()
    {
        var model = Model("weighted", ("a", 1, 3), ("b", 1, 1));
        var router = Router(42);

        var firsts = Enumerable.Range(0, 4000).Select(_ => Names(router.Plan(model, model.Endpoints, _prices))[0]).ToList();

        Assert.InRange(firsts.Count(f => f == "a"), 2800, 3200);
    }

    [Theory]
    [InlineData("throughput", "b")]
    [InlineData("latency", "b")]
    [InlineData("price", "c")]
    public void Plan_SortPreference_OverridesTheModelsStrategy(string sort, string expectedFirst)
    {
        var model = Model("ordered", ("a", 5, 1), ("b", 5, 1), ("c", 1, 1));
        _health.For(model.Endpoints[0]).RecordSuccess(TimeSpan.FromMilliseconds(300), 10);
        _health.For(model.Endpoints[1]).RecordSuccess(TimeSpan.FromMilliseconds(50), 90);
        _health.For(model.Endpoints[2]).RecordSuccess(TimeSpan.FromMilliseconds(200), 30);

        var plan = Router(0).Plan(model, model.Endpoints, _prices, new ProviderPreferences { Sort = sort }, default);

        Assert.Equal(expectedFirst, Names(plan)[0]);
    }

    [Fact]
    public void Plan_OrderWithoutFallbacks_IsExactlyThePinnedProviders()
    {
        var model = Model("cheapest", ("a", 1, 1), ("b", 5, 1), ("c", 9, 1));

        var plan = Router(0).Plan(model, model.Endpoints, _prices, new ProviderPreferences { Order = ["c", "b"], AllowFallbacks = false }, default);

        Assert.Equal(["c", "b"], Names(plan));
    }

    [Fact]
    public void Plan_EndpointWithAnOpenCircuit_IsTriedLastNotNever()
    {
        var model = Model("cheapest", ("a", 1, 1), ("b", 5, 1));
        _health.For(model.Endpoints[0]).RecordFailure("HTTP 401", quota: true);

        Assert.Equal(["b", "a"], Names(Router(0).Plan(model, model.Endpoints, _prices)));
    }

    public void Dispose() => _providers.Dispose();

    private Router Router(int seed) => new(
        [new CheapestStrategy(), new LatencyStrategy(), new ThroughputStrategy(), new WeightedStrategy(), new OrderedStrategy()],
        _health, new RoutingRandom(new Random(seed)));

    private CatalogModel Model(string strategy, params (string Provider, long Price, int Weight)[] endpoints) => new(
        "m", ModelKind.Chat, "m", null,
        [.. endpoints.Select(e => new ModelEndpoint(_providers.TryFind(e.Provider, out var p) ? p : throw new InvalidOperationException(), "m",
            new ModelPricing(e.Price, e.Price), null, null, e.Weight))],
        DateTimeOffset.UnixEpoch, strategy);

    private static string[] Names(IReadOnlyList<ModelEndpoint> endpoints) => [.. endpoints.Select(e => e.Provider.Name)];
}
