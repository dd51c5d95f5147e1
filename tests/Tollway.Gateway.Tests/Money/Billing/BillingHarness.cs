using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Access.Policies;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Platform.Storage;
using Tollway.Gateway.Tests.Access.Policies;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>
/// The billing path of the gateway in memory, real from the price book to the committed charge: a
/// <see cref="BillingGate"/> over a <see cref="BalanceBook"/> leasing from a <see cref="LeasingLedgerStore"/>, with a
/// global markup, every prompt counted as a fixed number of tokens and time faked.
/// </summary>
internal sealed class BillingHarness : IAsyncDisposable
{
    public const string AccountId = "acct_billing";

    private readonly PriceBookState _prices;
    private readonly UpstreamProvider _provider;
    private readonly ChargeWriter _writer;

    private BillingHarness(long balance, string markupPercent, int promptTokens)
    {
        var options = Options.Create(new BillingOptions());
        Store = new LeasingLedgerStore(balance);
        _writer = new ChargeWriter(Store, new DatabaseHealthSwitch(), Time, NullLogger<ChargeWriter>.Instance);
        Book = new BalanceBook(Store, _writer, new NodeIdentity(), options, Time, NullLogger<BalanceBook>.Instance, new DatabaseOutage(NullLogger<DatabaseOutage>.Instance));
        _prices = new PriceBookState(new FixedPricingStore(PricingSettings.Empty), Options.Create(new PriceBookOptions { MarkupPercent = markupPercent }));
        Estimator = new FixedPromptEstimator(promptTokens);
        var keyPolicy = new KeyPolicyGate(Spend, new ApiKeyCache(), Options.Create(new KeyPolicyOptions()), Time, new DatabaseOutage(NullLogger<DatabaseOutage>.Instance));
        Gate = new BillingGate(_prices, Estimator, keyPolicy, Book, options, Time);
        _provider = new UpstreamProvider("p", ProviderPresets.Find("openai")!, new Uri("http://127.0.0.1:9/v1"), "k", null,
            new Dictionary<string, string>(), new ProviderTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public LeasingLedgerStore Store { get; }

    /// <summary>What the keys' spend reads answer.</summary>
    public RecordedSpendQueries Spend { get; } = new();

    public BalanceBook Book { get; }

    public BillingGate Gate { get; }

    public FixedPromptEstimator Estimator { get; }

    /// <summary>A key of <see cref="AccountId"/> without limits.</summary>
    public static ApiKeyRecord Key { get; } = new("key_billing", AccountId, "test", default, "abcd", ApiKeyRole.Inference, null, DateTimeOffset.UnixEpoch);

    public static async Task<BillingHarness> CreateAsync(long balance, string markupPercent = "0", int promptTokens = 10)
    {
        var harness = new BillingHarness(balance, markupPercent, promptTokens);
        // The configured markup applies from the first load of the book.
        await harness._prices.RefreshAsync(force: true, CancellationToken.None);
        await harness._writer.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>A chat model served by one endpoint at <paramref name="pricing"/>.</summary>
    public CatalogModel Model(ModelPricing pricing, int? contextLength = null, int? maxOutputTokens = null, bool? supportsReasoning = null, string id = "m") =>
        new(id, ModelKind.Chat, id, null,
            [new ModelEndpoint(_provider, id + "-upstream", pricing, contextLength, maxOutputTokens, SupportsReasoning: supportsReasoning)],
            DateTimeOffset.UnixEpoch);

    /// <summary>Every endpoint of the models, in order: what the route planner hands the gate.</summary>
    public static RoutePlan Plan(params CatalogModel[] models) =>
        new([.. models.SelectMany(m => m.Endpoints.Select(e => new PlannedEndpoint(m, e)))]);

    /// <summary>A chat request as the inspector reads it.</summary>
    public static InspectedRequest Inspect(string json) =>
        RequestInspector.Inspect(System.Text.Encoding.UTF8.GetBytes(json), GatewayOperation.ChatCompletions).Request
        ?? throw new ArgumentException("The test request is refused by the inspector.", nameof(json));

    /// <summary>Admits a chat request for <see cref="Key"/>.</summary>
    public ValueTask<BillingAdmission> AdmitAsync(string json, params CatalogModel[] models) =>
        AdmitAsync(Key, json, CancellationToken.None, models);

    /// <summary>Admits a chat request for <paramref name="key"/>, until its client leaves.</summary>
    public ValueTask<BillingAdmission> AdmitAsync(ApiKeyRecord key, string json, CancellationToken clientAborted, params CatalogModel[] models) =>
        Gate.AdmitAsync(
            key, new AdmissionRequest(Plan(models), Inspect(json), System.Text.Encoding.UTF8.GetBytes(json), GatewayOperation.ChatCompletions, "gen-test"),
            clientAborted);

    public async ValueTask DisposeAsync()
    {
        await _writer.StopAsync(CancellationToken.None);
        _writer.Dispose();
        _prices.Dispose();
        _provider.Dispose();
    }
}
