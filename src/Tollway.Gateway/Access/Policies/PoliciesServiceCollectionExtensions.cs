using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Access.Policies;

/// <summary>Registers the key policies.</summary>
public static class PoliciesServiceCollectionExtensions
{
    /// <summary>Adds <see cref="KeyPolicyOptions"/> (bound from <c>Billing</c>, validated at start) and the gate that
    /// holds keys to their limits.</summary>
    public static IServiceCollection AddTollwayKeyPolicies(this IServiceCollection services)
    {
        services.TryAddOptionsSection<KeyPolicyOptions, KeyPolicyOptionsValidator>(KeyPolicyOptions.Section, static (options, section) => options.BindConfiguration(section));
        services.TryAddSingleton<KeyPolicyGate>();
        return services;
    }
}
