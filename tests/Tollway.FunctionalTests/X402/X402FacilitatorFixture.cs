namespace Tollway.FunctionalTests.X402;

/// <summary>The x402 gateway settling through a facilitator (<see cref="FakeFacilitator"/>) instead of its relayer.</summary>
public sealed class X402FacilitatorFixture : X402Fixture
{
    public FakeFacilitator Facilitator { get; private set; } = null!;

    protected override async Task BeforeGatewayStartsAsync() => Facilitator = await FakeFacilitator.StartAsync(Chain);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Facilitator.DisposeAsync();
    }

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["X402:FacilitatorUrl"] = Facilitator.Url.ToString();
        return configuration;
    }
}
