using Tollway.Chain.Rpc;

namespace Tollway.Chain.Tests.Rpc;

public sealed class LogRangeRefusalsTests
{
    [Theory]
    [InlineData(-32005, "query returned more than 10000 results")]
    [InlineData(-32602, "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response. Based on your parameters and the response size limit, this block range should work: [0xc5dc00, 0xc614a7]")]
    [InlineData(-32614, "eth_getLogs is limited to a 10,000 range")]
    [InlineData(-32600, "block range is too wide")]
    [InlineData(-32000, "Block range is too large")]
    [InlineData(-32000, "block range too large")]
    [InlineData(-32602, "query exceeds max results 20000, retry with the range 24383075-24383096")]
    [InlineData(-32602, "query exceeds max block range 100000")]
    [InlineData(-32701, "Please specify an address in your request or, to remove restrictions, order a dedicated full node here: https://www.allnodes.com/bnb/host; exceed maximum block range: 50000")]
    [InlineData(-32000, "Block range limit exceeded.")]
    [InlineData(-32000, "logs matched by query exceeds limit of 10000")]
    [InlineData(-32000, "eth_getLogs is limited to 1024 block range")]
    public void IsRangeTooLarge_ProvidersRefusals_AreRecognised(int code, string message)
    {
        Assert.True(LogRangeRefusals.IsRangeTooLarge(new RpcErrorException("eth_getLogs", code, message)));
    }

    [Theory]
    [InlineData("eth_getLogs", -32005, "daily request count exceeded, request rate limited")]
    [InlineData("eth_getLogs", -32000, "header not found")]
    [InlineData("eth_call", -32005, "query returned more than 10000 results")]
    public void IsRangeTooLarge_OtherErrors_AreNot(string method, int code, string message)
    {
        Assert.False(LogRangeRefusals.IsRangeTooLarge(new RpcErrorException(method, code, message)));
    }
}
