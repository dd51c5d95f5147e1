using System.Text;
using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// Adds <c>"provider":"NAME"</c> at the top of a JSON answer, as OpenRouter does, so the caller sees which provider
/// served it (the <c>model</c> field already carries the provider's real model id). Answers that are not a JSON object
/// are left alone.
/// </summary>
internal static class ProviderFieldWriter
{
    /// <summary>Where the field goes (just inside the opening brace) and its bytes; <see langword="null"/> for a non-object.</summary>
    public static JsonInsertion? Insertion(ReadOnlySpan<byte> json, string provider)
    {
        var open = json.IndexOf((byte)'{');
        if (open < 0 || !json[..open].Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        var rest = json[(open + 1)..].TrimStart(" \t\r\n"u8);
        var empty = !rest.IsEmpty && rest[0] == (byte)'}';
        return new JsonInsertion(open + 1, Encoding.UTF8.GetBytes(
            "\"provider\":" + JsonSerializer.Serialize(provider, WireJsonContext.Default.String) + (empty ? "" : ",")));
    }
}
