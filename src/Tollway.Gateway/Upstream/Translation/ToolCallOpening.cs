namespace Tollway.Gateway.Upstream.Translation;

/// <summary>
/// A tool call's opening fragment in a chat completion stream (<see cref="OpenAiChunkWriter.ToolCallStart"/>): its
/// index among the choice's tool calls, its id and function name, and its first arguments (often empty). A value, so
/// passing one per chunk allocates nothing.
/// </summary>
/// <param name="ToolIndex">The call's index among the choice's tool calls.</param>
/// <param name="Id">The call's id.</param>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">The first fragment of the arguments string.</param>
internal readonly record struct ToolCallOpening(int ToolIndex, string Id, string Name, string Arguments);
