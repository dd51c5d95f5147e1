using System.Text;
using Anthropic;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>The official Anthropic SDK for .NET, pointed at the gateway by base URL and key, as a Claude tool would be;
/// and raw Messages API calls with the headers the SDKs send.</summary>
public static class AnthropicSdk
{
    public static AnthropicClient Client(GatewayFixture gateway, string? key = null) => new()
    {
        ApiKey = key ?? gateway.UserKey,
        BaseUrl = gateway.BaseUrl.ToString().TrimEnd('/'),
        // The gateway's answers are asserted as they are: the SDK must not retry them away.
        MaxRetries = 0,
    };

    /// <summary>POSTs <paramref name="body"/> as it is, with the key in <c>x-api-key</c> (none when empty) and
    /// <c>anthropic-version</c>; the whole answer is read before it returns.</summary>
    public static async Task<HttpResponseMessage> PostAsync(GatewayFixture gateway, string path, string body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUrl, path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if ((key ?? gateway.UserKey) is { Length: > 0 } apiKey)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        request.Headers.Add("anthropic-version", "2023-06-01");
        return await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, TestContext.Current.CancellationToken);
    }
}
