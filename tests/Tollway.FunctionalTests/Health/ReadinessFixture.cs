using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Api.Health;
using Tollway.Gateway.Platform.Storage;

namespace Tollway.FunctionalTests.Health;

/// <summary>
/// The gateway whose readiness can be taken apart: the database reported down (<see cref="DatabaseDown"/>), charge
/// commits held back (<see cref="Commits"/>, with a 200 ms <c>Health:MaxChargeWait</c>), and a check of the test's own
/// that is degraded at worst (<see cref="Degraded"/>), as the chain's is.
/// </summary>
public sealed class ReadinessFixture : GatewayFixture
{
    public const string DegradedCheck = "test_dependency";

    private volatile bool _databaseDown;
    private volatile bool _degraded;

    public GatedCommits Commits { get; } = new();

    public bool DatabaseDown
    {
        get => _databaseDown;
        set => _databaseDown = value;
    }

    public bool Degraded
    {
        get => _degraded;
        set => _degraded = value;
    }

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Health:MaxChargeWait"] = "00:00:00.200";
        return configuration;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        Commits.Decorate(services);
        var real = services.Last(d => d.ServiceType == typeof(IDatabaseHealth));
        services.Replace(ServiceDescriptor.Singleton<IDatabaseHealth>(sp => new SwitchedDatabaseHealth(DatabaseSwitch.Resolve<IDatabaseHealth>(sp, real), this)));
        services.AddHealthChecks().AddCheck(
            DegradedCheck,
            () => Degraded ? HealthCheckResult.Degraded("the test's dependency does not answer") : HealthCheckResult.Healthy("answers"),
            [HealthEndpoints.ReadyTag]);
    }

    private sealed class SwitchedDatabaseHealth(IDatabaseHealth real, ReadinessFixture fixture) : IDatabaseHealth
    {
        public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
            !fixture.DatabaseDown && await real.IsHealthyAsync(cancellationToken);
    }
}
