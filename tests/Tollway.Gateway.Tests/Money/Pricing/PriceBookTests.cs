using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Tests.Platform.Configuration;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Tests.Money.Pricing;

/// <summary>How the price book matches runtime prices and markups: provider names ignoring case, model ids and accounts exactly.</summary>
public sealed class PriceBookTests : IDisposable
{
    private readonly Gateway.Upstream.Providers.ProviderRegistry _providers;
    private readonly CatalogModel _model;

    public PriceBookTests()
    {
        var options = new CatalogSources();
        options.Providers["OpenAI"] = new ProviderOptions { Preset = "openai", ApiKey = "k", ShippedModels = false };
        _providers = CatalogBuilder.BuildProviders(options.Providers, new FakeEnvironmentVariables());
        _providers.TryFind("OpenAI", out var provider);
        _model = new CatalogModel("house", ModelKind.Chat, "house", null, [new ModelEndpoint(provider!, "gpt-4o", new ModelPricing(1, 2), null, null)],
            DateTimeOffset.UnixEpoch);
    }

    public void Dispose() => _providers.Dispose();

    [Fact]
    public void PriceOf_RuntimePriceNamingTheProviderInAnotherCase_IsThePriceInForce()
    {
        var book = new PriceBook(new PricingSettings(1, [new PriceOverride("house", "openai", new ModelPricing(5, 6))], []), 0);
        var otherModel = new PriceBook(new PricingSettings(1, [new PriceOverride("HOUSE", "openai", new ModelPricing(5, 6))], []), 0);

        Assert.Equal(new ModelPricing(5, 6), book.PriceOf(_model, _model.Primary));
        Assert.Equal(new ModelPricing(1, 2), otherModel.PriceOf(_model, _model.Primary));
    }

    [Fact]
    public void MarkupFor_ProviderScopeIgnoresCase_AccountAndModelScopesDoNot()
    {
        var provider = new PriceBook(new PricingSettings(1, [], [new MarkupSetting(MarkupScope.Provider, "OPENAI", 30_000)]), 7);
        var model = new PriceBook(new PricingSettings(1, [], [new MarkupSetting(MarkupScope.Model, "HOUSE", 20_000)]), 7);
        var account = new PriceBook(new PricingSettings(1, [], [new MarkupSetting(MarkupScope.Account, "ACCT_1", 10_000)]), 7);

        Assert.Equal(30_000, provider.MarkupFor("acct_1", "house", "OpenAI"));
        Assert.Equal(7, model.MarkupFor("acct_1", "house", "OpenAI"));
        Assert.Equal(7, account.MarkupFor("acct_1", "house", "OpenAI"));
        Assert.Equal(20_000, model.MarkupFor("acct_1", "HOUSE", "OpenAI"));
    }
}
