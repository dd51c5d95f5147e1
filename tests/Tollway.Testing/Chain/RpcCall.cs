using System.Text.Json.Nodes;

namespace Tollway.Testing.Chain;

/// <summary>One JSON-RPC call an <see cref="RpcStub"/> received: its number (from 1), method and parameters.</summary>
public sealed record RpcCall(long Number, string Method, JsonArray Params)
{
    /// <summary>The first parameter as an object (an <c>eth_getLogs</c> filter), or <see langword="null"/>.</summary>
    public JsonObject? Filter => Params.Count > 0 ? Params[0] as JsonObject : null;

    /// <summary>The longest list of alternatives at any topic position of an <c>eth_getLogs</c> filter (0 without one).</summary>
    public int WidestTopicPosition =>
        Filter?["topics"] is JsonArray topics ? topics.Select(p => p is JsonArray alternatives ? alternatives.Count : 1).DefaultIfEmpty(0).Max() : 0;
}
