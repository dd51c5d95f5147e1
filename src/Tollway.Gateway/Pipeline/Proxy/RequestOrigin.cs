using Tollway.Gateway.Upstream.Translation.Anthropic;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// What the client's own API adds to the request the inspector reads, so that the inspected request is whole when it is
/// made and nothing changes it later: an Anthropic Messages request's own body, model and <c>max_tokens</c> places, output
/// limit, thinking budget and priced features; or, for an OpenAI chat completion, whether it asks for 1-hour cache writes.
/// </summary>
internal readonly struct RequestOrigin
{
    private RequestOrigin(MessagesRequest? messages, ReadOnlyMemory<byte> nativeBody, bool readsCacheLifetimes)
    {
        Messages = messages;
        NativeBody = nativeBody;
        ReadsCacheLifetimes = readsCacheLifetimes;
    }

    /// <summary>An OpenAI request: a chat completion's 1-hour cache writes are read from its body.</summary>
    public static RequestOrigin OpenAi => new(null, default, readsCacheLifetimes: true);

    /// <summary>The body alone, as it reads: nothing added (what <see cref="RequestInspector.Inspect(ReadOnlySpan{byte}, Tollway.Gateway.Wire.GatewayOperation)"/> gives).</summary>
    public static RequestOrigin BodyOnly => default;

    /// <summary>The Anthropic Messages request read as the chat completion being inspected.</summary>
    public MessagesRequest? Messages { get; }

    /// <summary>The body as the Anthropic client sent it.</summary>
    public ReadOnlyMemory<byte> NativeBody { get; }

    /// <summary>Whether a chat completion's 1-hour cache writes are read from the body.</summary>
    public bool ReadsCacheLifetimes { get; }

    public static RequestOrigin Anthropic(MessagesRequest messages, ReadOnlyMemory<byte> nativeBody) => new(messages, nativeBody, false);
}
