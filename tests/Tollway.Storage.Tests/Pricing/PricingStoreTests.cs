using System.Collections.Concurrent;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Pricing;

/// <summary><see cref="IPricingStore"/>: runtime prices and markups, and the version nodes poll, on every backend.</summary>
public abstract class PricingStoreTests(StorageBackend backend) : StorageTests(backend)
{
    [Fact]
    public async Task LoadAsync_FreshDatabase_IsEmptyAtVersionZero()
    {
        var node = NewNode(await Backend.CreateDatabaseAsync());

        var settings = await node.Pricing.LoadAsync(Ct);

        Assert.Equal(0, settings.Version);
        Assert.Empty(settings.Prices);
        Assert.Empty(settings.Markups);
        Assert.Equal(0, await node.Pricing.GetVersionAsync(Ct));
    }

    [Fact]
    public async Task SetPriceAsync_NewAndReplacedPrice_BumpsTheVersionEachTimeAndKeepsOneRow()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        var model = "gpt-4o-mini";

        var first = await node.Pricing.SetPriceAsync(new PriceOverride(model, "openai", new ModelPricing(150_000_000, 600_000_000)), Ct);
        var replaced = new ModelPricing(100_000_000, 400_000_000, CachedInputPerMillion: 50_000_000, CacheWritePerMillion: 125_000_000,
            ReasoningPerMillion: 800_000_000, RequestFee: 1_000);
        // From another node: the version is the database's, not the node's.
        var second = await NewNode(database).Pricing.SetPriceAsync(new PriceOverride(model, "openai", replaced), Ct);

        Assert.Equal(1, first);
        Assert.Equal(2, second);
        var settings = await node.Pricing.LoadAsync(Ct);
        Assert.Equal(2, settings.Version);
        Assert.Equal([new PriceOverride(model, "openai", replaced)], settings.Prices);
    }

    [Fact]
    public async Task SetPricesAsync_SeveralPricesWithDates_WritesThemAllUnderOneVersion()
    {
        var node = NewNode(await Backend.CreateDatabaseAsync());
        await node.Pricing.SetPriceAsync(new PriceOverride("m-a", "p-1", new ModelPricing(1, 1)), Ct);
        var imported = new[]
        {
            new PriceOverride("m-a", "p-1", new ModelPricing(2_000_000_000, 8_000_000_000, CachedInputPerMillion: 1_000_000_000), new DateOnly(2026, 11, 26)),
            new PriceOverride("m-b", "p-2", new ModelPricing(10_000_000, 0, RequestFee: 12_000_000), new DateOnly(2026, 11, 26)),
        };

        var version = await node.Pricing.SetPricesAsync(imported, Ct);

        Assert.Equal(2, version);
        var settings = await node.Pricing.LoadAsync(Ct);
        Assert.Equal(2, settings.Version);
        Assert.Equal(imported, settings.Prices);
    }

    [Fact]
    public async Task LoadAsync_SeveralPricesAndMarkups_ReturnsThemOrderedWithNullsKept()
    {
        var node = NewNode(await Backend.CreateDatabaseAsync());
        await node.Pricing.SetPriceAsync(new PriceOverride("m-b", "p-1", new ModelPricing(2, 3)), Ct);
        await node.Pricing.SetPriceAsync(new PriceOverride("m-a", "p-2", new ModelPricing(1, 1, CachedInputPerMillion: 0)), Ct);
        await node.Pricing.SetPriceAsync(new PriceOverride("m-a", "p-1", new ModelPricing(5, 6)), Ct);
        await node.Pricing.SetMarkupAsync(MarkupScope.Model, "m-a", 50_000, Ct);
        await node.Pricing.SetMarkupAsync(MarkupScope.Global, "", 125_000, Ct);
        var version = await node.Pricing.SetMarkupAsync(MarkupScope.Account, "acct_x", 0, Ct);

        var settings = await node.Pricing.LoadAsync(Ct);

        Assert.Equal(6, version);
        Assert.Equal(version, settings.Version);
        Assert.Equal([("m-a", "p-1"), ("m-a", "p-2"), ("m-b", "p-1")], settings.Prices.Select(p => (p.Model, p.Provider)));
        // Zero is a price ("free cached input"), not "not priced apart".
        Assert.Equal(new ModelPricing(1, 1, CachedInputPerMillion: 0), settings.Prices[1].Pricing);
        Assert.Null(settings.Prices[0].Pricing.CachedInputPerMillion);
        Assert.Equal(
            [new MarkupSetting(MarkupScope.Global, "", 125_000), new MarkupSetting(MarkupScope.Model, "m-a", 50_000), new MarkupSetting(MarkupScope.Account, "acct_x", 0)],
            settings.Markups);
    }

    [Fact]
    public async Task SetMarkupAsync_NullRemovesTheMarkupAndStillBumpsTheVersion()
    {
        var before = await Node.Pricing.GetVersionAsync(Ct);
        var subject = "provider-" + Guid.NewGuid().ToString("N");
        await Node.Pricing.SetMarkupAsync(MarkupScope.Provider, subject, 200_000, Ct);
        await Node.Pricing.SetMarkupAsync(MarkupScope.Provider, subject, 300_000, Ct);

        var removed = await Node.Pricing.SetMarkupAsync(MarkupScope.Provider, subject, null, Ct);

        Assert.Equal(before + 3, removed);
        Assert.Equal(removed, await Node.Pricing.GetVersionAsync(Ct));
        Assert.DoesNotContain((await Node.Pricing.LoadAsync(Ct)).Markups, m => m.Subject == subject);
    }

    [Fact]
    public async Task SetMarkupAsync_NegativePartsPerMillion_IsRefusedByTheDatabase()
    {
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Node.Pricing.SetMarkupAsync(MarkupScope.Global, "", -1, Ct));
    }

    [Fact]
    public async Task SetPriceAsync_EightNodesAtOnce_EachGetsItsOwnVersion()
    {
        var before = await Node.Pricing.GetVersionAsync(Ct);
        var versions = new ConcurrentBag<long>();
        var nodes = Enumerable.Range(0, 8).Select(_ => NewNode()).ToArray();

        await Task.WhenAll(nodes.Select((node, i) => Task.Run(async () =>
            versions.Add(await node.Pricing.SetPriceAsync(new PriceOverride($"race-{i}", "p", new ModelPricing(i, i)), Ct)), Ct)));

        Assert.Equal(Enumerable.Range(1, 8).Select(v => before + v), versions.Order());
        Assert.Equal(before + 8, (await Node.Pricing.LoadAsync(Ct)).Version);
    }
}
