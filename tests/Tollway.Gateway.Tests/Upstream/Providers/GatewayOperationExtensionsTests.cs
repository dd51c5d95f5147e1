using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Upstream.Providers;

public sealed class GatewayOperationExtensionsTests
{
    [Theory]
    [InlineData(GatewayOperation.ChatCompletions, "chat/completions", ProviderOperations.ChatCompletions, "chat")]
    [InlineData(GatewayOperation.Completions, "completions", ProviderOperations.Completions, "completion")]
    [InlineData(GatewayOperation.Embeddings, "embeddings", ProviderOperations.Embeddings, "embedding")]
    public void Extensions_EachOperation_MapToItsPathCapabilityAndLogName(
        GatewayOperation operation, string path, ProviderOperations capability, string logName)
    {
        Assert.Equal(path, operation.PathSegment());
        Assert.Equal(capability, operation.RequiredCapability());
        Assert.Equal(logName, operation.LogName());
    }

    [Fact]
    public void Extensions_UndefinedOperation_Throw()
    {
        const GatewayOperation undefined = (GatewayOperation)42;

        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.PathSegment());
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.RequiredCapability());
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.LogName());
    }
}
