using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Pipeline.RequestLog;

public sealed class RequestLogBuilderTests
{
    [Fact]
    public void Build_TextLongerThanTheBound_IsCutToIt()
    {
        var huge = new string('x', 1024 * 1024);
        var builder = new RequestLogBuilder("gen-1", DateTimeOffset.UnixEpoch, GatewayOperation.ChatCompletions)
        {
            AccountId = huge,
            KeyId = huge,
            Model = huge,
            Provider = huge,
            UpstreamModel = huge,
            ErrorCode = huge,
            Attempts = huge,
        };

        var row = builder.Build(durationMicros: 1);

        Assert.All([row.AccountId, row.KeyId, row.Model, row.Provider, row.UpstreamModel, row.ErrorCode], text => Assert.Equal(RequestLogBuilder.MaxTextLength, text!.Length));
        Assert.Equal(RequestLogBuilder.MaxAttemptsLength, row.Attempts!.Length);
    }

    [Fact]
    public void Build_CutInsideASurrogatePair_KeepsNeitherHalf()
    {
        var model = new string('m', RequestLogBuilder.MaxTextLength - 1) + "😀";
        var builder = new RequestLogBuilder("gen-1", DateTimeOffset.UnixEpoch, GatewayOperation.ChatCompletions) { Model = model };

        Assert.Equal(new string('m', RequestLogBuilder.MaxTextLength - 1), builder.Build(1).Model);
    }

    [Fact]
    public void Build_TextWithinTheBound_IsKeptAsItIs()
    {
        var builder = new RequestLogBuilder("gen-1", DateTimeOffset.UnixEpoch, GatewayOperation.ChatCompletions) { Model = "gpt-4o-mini", ErrorCode = "upstream_error" };

        var row = builder.Build(1);

        Assert.Equal("gpt-4o-mini", row.Model);
        Assert.Equal("upstream_error", row.ErrorCode);
    }
}
