using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Pricing.Import;

namespace Tollway.Gateway.Pricing;

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
