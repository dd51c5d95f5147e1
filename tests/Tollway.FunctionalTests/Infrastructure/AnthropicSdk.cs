using Anthropic;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>The official Anthropic SDK for .NET, pointed at the gateway by base URL and key, as a Claude tool would be.</summary>
public static class AnthropicSdk
{
    public static AnthropicClient Client(GatewayFixture gateway, string? key = null) => new()
    {
        ApiKey = key ?? gateway.UserKey,
        BaseUrl = gateway.BaseUrl.ToString().TrimEnd('/'),
        // The gateway's answers are asserted as they are: the SDK must not retry them away.
        MaxRetries = 0,
    };
}
