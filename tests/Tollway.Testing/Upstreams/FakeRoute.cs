using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// Which operation a request targets. Matched by hand rather than with endpoint routing because every
/// request, unknown ones included, must be recorded and may be faulted the same way.
/// </summary>
/// <param name="Endpoint">The operation, or <see cref="FakeEndpoint.NotFound"/>.</param>
/// <param name="Deployment">The Azure OpenAI deployment name from the path, if the Azure form was used.</param>
/// <param name="ModelId">The model id of a retrieve-model request.</param>
internal readonly record struct FakeRoute(FakeEndpoint Endpoint, string? Deployment = null, string? ModelId = null)
{
    private const string OpenAiPrefix = "/v1/";
    private const string AzurePrefix = "/openai/deployments/";

    public static FakeRoute Match(string method, string path)
    {
        var isPost = HttpMethods.IsPost(method);
        if (path.StartsWith(OpenAiPrefix, StringComparison.Ordinal))
        {
            var rest = path.AsSpan(OpenAiPrefix.Length).TrimEnd('/');
            if (HttpMethods.IsGet(method))
            {
                if (rest.SequenceEqual("models"))
                {
                    return new(FakeEndpoint.ListModels);
                }

                if (rest.StartsWith("models/") && rest.Length > "models/".Length)
                {
                    return new(FakeEndpoint.RetrieveModel, ModelId: rest["models/".Length..].ToString());
                }
            }

            return isPost ? new(Operation(rest)) : default;
        }

        if (isPost && path.StartsWith(AzurePrefix, StringComparison.Ordinal))
        {
            var rest = path.AsSpan(AzurePrefix.Length).TrimEnd('/');
            var slash = rest.IndexOf('/');
            if (slash > 0)
            {
                var endpoint = Operation(rest[(slash + 1)..]);
                if (endpoint != FakeEndpoint.NotFound)
                {
                    return new(endpoint, Deployment: Uri.UnescapeDataString(rest[..slash].ToString()));
                }
            }
        }

        return default;
    }

    private static FakeEndpoint Operation(ReadOnlySpan<char> operation) => operation switch
    {
        "chat/completions" => FakeEndpoint.ChatCompletions,
        "completions" => FakeEndpoint.Completions,
        "embeddings" => FakeEndpoint.Embeddings,
        _ => FakeEndpoint.NotFound,
    };
}
