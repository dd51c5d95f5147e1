using Microsoft.Extensions.DependencyInjection;
using Tollway.Chain.Wallets;
using Tollway.Chain.X402;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.FunctionalTests.X402;

/// <summary>
/// The x402 gateway with its database cut off on demand: <see cref="Database"/> for the authorization and wallet stores
/// (the first steps of a payment), <see cref="Ledger"/> for the ledger alone (the credit, after the payment settled).
/// </summary>
public sealed class X402DatabaseDownFixture : X402Fixture
{
    public DatabaseSwitch Database { get; } = new();

    public DatabaseSwitch Ledger { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        Database.Decorate<IX402AuthorizationStore>(services);
        Database.Decorate<IWalletStore>(services);
        Ledger.Decorate<ILedgerStore>(services);
    }
}
