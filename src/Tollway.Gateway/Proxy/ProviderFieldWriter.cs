using System.Text;
using System.Text.Json;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Adds <c>"provider":"NAME"</c> at the top of a JSON answer, as OpenRouter does, so the caller sees which provider
/// served it (the <c>model</c> field already carries the provider's real model id). Answers that are not a JSON object
/// are left alone.
/// </summary>
internal static class ProviderFieldWriter
{
    public static byte[]? Inject(ReadOnlySpan<byte> json, string provider)
    {
        var open = json.IndexOf((byte)'{');
        if (open < 0 || !json[..open].Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        var rest = json[(open + 1)..].TrimStart(" \t\r\n"u8);
        var empty = !rest.IsEmpty && rest[0] == (byte)'}';
        var field = Encoding.UTF8.GetBytes("\"provider\":" + JsonSerializer.Serialize(provider, ProxyJsonContext.Default.String) + (empty ? "" : ","));
        var result = new byte[json.Length + field.Length];
        json[..(open + 1)].CopyTo(result);
        field.CopyTo(result.AsSpan(open + 1));
        json[(open + 1)..].CopyTo(result.AsSpan(open + 1 + field.Length));
        return result;
    }
}
