using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>The official OpenAI SDK, configured only by base URL and key, as an application would switch to Tollway.</summary>
public static class SdkClients
{
    public static OpenAIClient OpenAi(GatewayFixture gateway, string? key = null) =>
        new(new ApiKeyCredential(key ?? gateway.UserKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(gateway.BaseUrl, "/v1"),
            // The gateway's answers are asserted as they are: the SDK must not retry them away.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
}
