using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Money.Billing;

/// <summary>Registers billing: holds, balance leases and the charge writer.</summary>
public static class BillingServiceCollectionExtensions
{
    /// <summary>Adds <see cref="BillingOptions"/> (bound from <c>Billing</c>, validated at start), the balance book and
    /// its lease keeper, the charge writer, the billing gate and the ledger's administration. Needs the price book and
    /// the key policies (<c>AddTollwayPricing</c>, <c>AddTollwayKeyPolicies</c>).</summary>
    public static IServiceCollection AddTollwayBilling(this IServiceCollection services)
    {
        if (services.TryAddOptionsSection<BillingOptions, BillingOptionsValidator>(BillingOptions.Section, static (options, section) => options.BindConfiguration(section)))
        {
            services.TryAddSingleton<NodeIdentity>();
            services.AddMetrics();
            services.TryAddSingleton<BillingMetrics>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IMetricSeriesSeed, BillingMetrics>(sp => sp.GetRequiredService<BillingMetrics>()));
            services.TryAddSingleton(static sp =>
            {
                var writer = ActivatorUtilities.CreateInstance<ChargeWriter>(sp);
                sp.GetRequiredService<BillingMetrics>().ObserveQueue(() => writer.QueueDepth);
                return writer;
            });
            services.TryAddSingleton<BalanceBook>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ICreditListener, BalanceBook>(sp => sp.GetRequiredService<BalanceBook>()));
            services.TryAddSingleton<BillingGate>();
            services.TryAddSingleton<LedgerAdministration>();
            // Stopped in reverse order: the charge writer drains its queue before the lease keeper gives the leases back.
            services.AddHostedService<LeaseKeeper>();
            services.AddHostedService(sp => sp.GetRequiredService<ChargeWriter>());
        }

        return services;
    }
}
