namespace Tollway.Gateway.Wire;

/// <summary>What a server-sent event from an OpenAI-compatible stream carries.</summary>
internal enum SseEventKind
{
    /// <summary>A chunk to pass on (also comments and events without data).</summary>
    Chunk,

    /// <summary>A chunk whose only purpose is usage (<c>choices: []</c>).</summary>
    UsageOnly,

    /// <summary><c>data: [DONE]</c>.</summary>
    Done,

    /// <summary>An <c>{"error":…}</c> payload sent by the provider mid-stream.</summary>
    Error,
}
