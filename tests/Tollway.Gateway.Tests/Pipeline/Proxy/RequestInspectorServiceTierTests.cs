using System.Text;
using Tollway.Gateway.Pipeline.Proxy;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

/// <summary><c>service_tier</c>: the priority tier is priced apart; a tier the gateway cannot bill is refused.</summary>
public sealed class RequestInspectorServiceTierTests
{
    [Theory]
    [InlineData("\"priority\"", true)]
    [InlineData("\"auto\"", false)]
    [InlineData("\"default\"", false)]
    [InlineData("\"flex\"", false)]
    [InlineData("\"on_demand\"", false)]
    [InlineData("null", false)]
    [InlineData("\"prior\\u0069ty\"", true)]
    public void Inspect_BillableTier_IsRead(string tier, bool priority) =>
        Assert.Equal(priority, Inspect($$"""{"model":"m","messages":[],"service_tier":{{tier}}}""").Request!.Features.PriorityTier);

    [Theory]
    [InlineData("\"scale\"")]
    [InlineData("\"Priority\"")]
    [InlineData("1")]
    [InlineData("{\"tier\":\"priority\"}")]
    public void Inspect_TierThatCannotBeBilled_IsRefusedNamingTheParam(string tier)
    {
        var inspection = Inspect($$"""{"model":"m","messages":[],"service_tier":{{tier}}}""");

        Assert.Null(inspection.Request);
        Assert.Equal("service_tier", inspection.Param);
    }

    [Fact]
    public void Inspect_RepeatedTier_IsRefused() =>
        Assert.Equal("service_tier", Inspect("""{"model":"m","messages":[],"service_tier":"default","service_tier":"priority"}""").Param);

    [Fact]
    public void Inspect_NoTier_IsTheStandardOne() =>
        Assert.False(Inspect("""{"model":"m","messages":[]}""").Request!.Features.PriorityTier);

    private static RequestInspection Inspect(string json) =>
        RequestInspector.Inspect(Encoding.UTF8.GetBytes(json), Tollway.Gateway.Wire.GatewayOperation.ChatCompletions);
}
