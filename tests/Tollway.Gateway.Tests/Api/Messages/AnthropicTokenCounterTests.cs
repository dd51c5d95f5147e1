using System.Text;
using Tollway.Gateway.Api.Messages;

namespace Tollway.Gateway.Tests.Api.Messages;

public sealed class AnthropicTokenCounterTests
{
    [Theory]
    [InlineData("""{"input_tokens":2095}""", 2095)]
    [InlineData("""{"context_management":{"original_input_tokens":9},"input_tokens":14}""", 14)]
    [InlineData("""{"input_tokens":-1}""", null)]
    [InlineData("""{"input_tokens":"12"}""", null)]
    [InlineData("""{"type":"error","error":{"type":"api_error","message":"x"}}""", null)]
    [InlineData("""not json""", null)]
    public void ReadInputTokens_Answer_IsTheCountOrNothing(string answer, int? expected) =>
        Assert.Equal(expected, AnthropicTokenCounter.ReadInputTokens(Encoding.UTF8.GetBytes(answer)));
}
