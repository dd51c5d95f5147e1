using System.Text;
using System.Text.Json;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Keeps the generated text that passed through a stream (content, reasoning, tool arguments), so that a stream the
/// client or the provider cut before any usage arrived can still be billed for what it produced. Only text is kept,
/// in memory, for the life of the request; it is never stored or logged.
/// </summary>
internal sealed class DeltaTextCollector
{
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
                        _text.Append(reader.GetString());
                        collectNext = false;
                        break;
                    default:
                        collectNext = false;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // A malformed chunk adds nothing; the rest still counts.
        }
    }

    public override string ToString() => _text.ToString();
}
