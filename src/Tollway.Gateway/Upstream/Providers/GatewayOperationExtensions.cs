using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Providers;

/// <summary>Names and paths of <see cref="GatewayOperation"/> values.</summary>
public static class GatewayOperationExtensions
{
    /// <summary>The path below an OpenAI-compatible base URL.</summary>
    public static string PathSegment(this GatewayOperation operation) => operation switch
    {
        GatewayOperation.ChatCompletions => "chat/completions",
        GatewayOperation.Completions => "completions",
        GatewayOperation.Embeddings => "embeddings",
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    /// <summary>The provider capability the operation needs.</summary>
    public static ProviderOperations RequiredCapability(this GatewayOperation operation) => operation switch
    {
        GatewayOperation.ChatCompletions => ProviderOperations.ChatCompletions,
        GatewayOperation.Completions => ProviderOperations.Completions,
        GatewayOperation.Embeddings => ProviderOperations.Embeddings,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    /// <summary>The short name written to the request log.</summary>
    public static string LogName(this GatewayOperation operation) => operation switch
    {
        GatewayOperation.ChatCompletions => "chat",
        GatewayOperation.Completions => "completion",
        GatewayOperation.Embeddings => "embedding",
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}
