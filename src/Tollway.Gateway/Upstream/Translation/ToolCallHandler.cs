namespace Tollway.Gateway.Upstream.Translation;

/// <summary>Takes one tool call of an assistant message, read by <see cref="ToolArguments.ReadCalls"/>: its id, its
/// function's name, and its arguments as JSON object bytes.</summary>
/// <typeparam name="TState">What the call is added to (the conversation being written), passed so the handler can be
/// a static lambda.</typeparam>
internal delegate void ToolCallHandler<in TState>(TState state, string id, string name, byte[] arguments);
