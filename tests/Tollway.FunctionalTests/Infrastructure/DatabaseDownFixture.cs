using Microsoft.Extensions.DependencyInjection;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>The gateway whose ledger (leases, charges, key spend) can be cut off with <see cref="Database"/>.</summary>
public sealed class DatabaseDownFixture : GatewayFixture
{
    public DatabaseSwitch Database { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        Database.Decorate<ILedgerStore>(services);
        Database.Decorate<ILedgerQueries>(services);
    }
}
