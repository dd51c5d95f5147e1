using System.Text;
using Tollway.Gateway.Pipeline.Proxy;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

/// <summary>A spoken answer (<c>modalities</c> with <c>audio</c>), billed far above text output, is refused naming
/// <c>modalities</c>; text answers are served.</summary>
public sealed class RequestInspectorModalitiesTests
{
    [Theory]
    [InlineData("""["text","audio"]""")]
    [InlineData("""["audio"]""")]
    [InlineData("""["text","\u0061udio"]""")]
    [InlineData("\"audio\"")]
    [InlineData("[1]")]
    public void Inspect_SpokenAnswer_IsRefusedNamingModalities(string modalities)
    {
        var inspection = Inspect($$$"""{"model":"m","messages":[],"modalities":{{{modalities}}},"audio":{"voice":"alloy","format":"wav"}}""");

        Assert.Null(inspection.Request);
        Assert.Equal("modalities", inspection.Param);
    }

    [Fact]
    public void Inspect_RepeatedModalities_IsRefused() =>
        Assert.Equal("modalities", Inspect("""{"model":"m","messages":[],"modalities":["text"],"modalities":["audio"]}""").Param);

    [Theory]
    [InlineData("""["text"]""")]
    [InlineData("""["text","image"]""")]
    [InlineData("null")]
    public void Inspect_TextAnswer_IsServed(string modalities) =>
        Assert.NotNull(Inspect($$"""{"model":"m","messages":[],"modalities":{{modalities}}}""").Request);

    private static RequestInspection Inspect(string json) =>
        RequestInspector.Inspect(Encoding.UTF8.GetBytes(json), Tollway.Gateway.Wire.GatewayOperation.ChatCompletions);
}
