using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Money.Pricing.Import;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Money.Pricing;

/// <summary>Registers the price book.</summary>
public static class PricingServiceCollectionExtensions
{
    /// <summary>Adds <see cref="PriceBookOptions"/> (bound from <c>Billing</c>, validated at start), the price book in force,
    /// its refresher, and the price importer.</summary>
    public static IServiceCollection AddTollwayPricing(this IServiceCollection services)
    {
        if (services.TryAddOptionsSection<PriceBookOptions, PriceBookOptionsValidator>(PriceBookOptions.Section, static (options, section) => options.BindConfiguration(section)))
        {
            services.TryAddSingleton<PriceBookState>();
            services.AddHostedService<PricingRefresher>();
            services.TryAddSingleton<ModelPriceImporter>();
        }

        return services;
    }
}
