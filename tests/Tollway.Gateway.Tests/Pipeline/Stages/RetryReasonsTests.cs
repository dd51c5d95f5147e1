using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Pipeline.Stages;

namespace Tollway.Gateway.Tests.Pipeline.Stages;

public sealed class RetryReasonsTests
{
    [Theory]
    [InlineData("429", "rate_limited")]
    [InlineData("503", "server_error")]
    [InlineData("529", "server_error")]
    [InlineData("401", "key_refused")]
    [InlineData("408", "timeout")]
    [InlineData("FirstByteTimeout", "timeout")]
    [InlineData("ConnectFailed", "connect")]
    [InlineData("RequestFailed", "connection_broken")]
    [InlineData("anything a provider said", "other")]
    public void ForOutcome_AttemptOutcome_IsOneOfAFewWords(string outcome, string reason) =>
        Assert.Equal(reason, RetryReasons.ForOutcome(outcome));

    [Fact]
    public void Name_EveryForwarderError_IsSnakeCase()
    {
        foreach (var error in Enum.GetValues<ForwarderError>())
        {
            Assert.Matches("^[a-z_]+$", RetryReasons.Name(error));
        }
    }
}
