using System.Text.Json;

namespace Tollway.Gateway.Wire;

/// <summary>
/// Finds whether a request asks for prompt-cache writes kept for an hour: a <c>cache_control</c> object anywhere in it
/// (a content block, a system block, a tool, the request itself) whose <c>ttl</c> is not <c>"5m"</c>. Anthropic bills
/// such writes at twice the input rate, against 1.25 times for the 5-minute ones.
/// </summary>
internal static class CacheLifetimes
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 };

    public static bool AsksForLongCacheWrites(ReadOnlySpan<byte> body)
    {
        // Most bodies name no cache at all. A name may be written with escapes ("cache_\u0063ontrol"), so a body with
        // any escape is read in full.
        if (body.IndexOf("cache_control"u8) < 0 && body.IndexOf("\\u"u8) < 0)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("cache_control"u8)
                    && reader.Read() && reader.TokenType == JsonTokenType.StartObject && HasLongTtl(ref reader))
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            // The body was checked before; should it not read, it is taken at its dearest.
            return true;
        }
    }

    /// <summary>Whether any <c>ttl</c> of the object the reader is on is other than 5 minutes; leaves the reader on its end.</summary>
    private static bool HasLongTtl(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var longTtl = false;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("ttl"u8))
            {
                reader.Read();
                longTtl |= reader.TokenType != JsonTokenType.Null && !(reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("5m"u8));
                reader.Skip();
            }
        }

        return longTtl;
    }
}
