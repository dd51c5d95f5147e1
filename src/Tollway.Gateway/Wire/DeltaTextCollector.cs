using System.Text;
using System.Text.Json;

namespace Tollway.Gateway.Wire;

/// <summary>
/// Keeps the generated text that passed through a stream (content, reasoning, tool arguments), so that a stream the
/// client or the provider cut before any usage arrived can still be billed for what it produced. Only text is kept,
/// in memory, for the life of the request; it is never stored or logged. At most <see cref="MaxKeptChars"/> are kept.
/// </summary>
internal sealed class DeltaTextCollector
{
    /// <summary>
    /// The most text kept (16 MB of memory). A provider, or an upstream URL that is not one, may stream for the whole
    /// total timeout; all of it was kept. This much text is more tokens than any model's output limit by any tokenizer,
    /// and the charge is capped at the hold, so what is cut off could never have been billed.
    /// </summary>
    internal const int MaxKeptChars = 8 * 1024 * 1024;

    private readonly StringBuilder _text = new();

    public bool IsEmpty => _text.Length == 0;

    /// <summary>Adds the generated strings of one chunk's JSON.</summary>
    public void Add(ReadOnlySpan<byte> chunkJson)
    {
        try
        {
            var reader = new Utf8JsonReader(chunkJson);
            var collectNext = false;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        collectNext = reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("reasoning_content"u8)
                            || reader.ValueTextEquals("reasoning"u8) || reader.ValueTextEquals("arguments"u8)
                            || reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("refusal"u8)
                            // Anthropic's thinking and tool-input deltas, on streams passed through to Anthropic clients.
                            || reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("partial_json"u8);
                        break;
                    case JsonTokenType.String when collectNext:
                        var text = reader.GetString()!;
                        _text.Append(text, 0, Math.Min(text.Length, MaxKeptChars - _text.Length));
                        collectNext = false;
                        break;
                    default:
                        collectNext = false;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // A malformed chunk (or a string that is not UTF-8) adds nothing; the rest still counts.
        }
    }

    public override string ToString() => _text.ToString();
}
