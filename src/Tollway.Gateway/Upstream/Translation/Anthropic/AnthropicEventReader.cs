using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// Reads one Messages API stream event's data with <see cref="Utf8JsonReader"/>, taking only the members translation
/// needs (<see cref="AnthropicEvent"/>) and skipping the rest, arrays included.
/// </summary>
internal static class AnthropicEventReader
{
    public static AnthropicEvent? Read(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var read = new AnthropicEvent();
            ReadMembers(ref reader, read, section: "");
            return read;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads an object's members into the event; <paramref name="section"/> names the object they belong to.</summary>
    private static void ReadMembers(ref Utf8JsonReader reader, AnthropicEvent read, string section)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                if (name == "usage")
                {
                    read.Usage ??= new AnthropicUsage();
                    read.Usage.Read(ref reader);
                }
                else if (section.Length == 0 && name is "message" or "content_block" or "delta" or "error")
                {
                    ReadMembers(ref reader, read, name);
                }
                else
                {
                    reader.Skip();
                }

                continue;
            }

            if (reader.TokenType == JsonTokenType.Number && name == "index" && section.Length == 0)
            {
                read.Index = reader.TryGetInt32(out var index) ? index : 0;
                continue;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }

            Assign(read, section, name, reader.GetString());
        }
    }

    private static void Assign(AnthropicEvent read, string section, string name, string? value)
    {
        switch (section, name)
        {
            case ("", "type"): read.Type = value; break;
            case ("message", "id"): read.MessageId = value; break;
            case ("message", "model"): read.Model = value; break;
            case ("content_block", "type"): read.BlockType = value; break;
            case ("content_block", "id"): read.BlockId = value; break;
            case ("content_block", "name"): read.BlockName = value; break;
            case ("content_block", "text"): read.BlockText = value; break;
            case ("delta", "type"): read.DeltaType = value; break;
            case ("delta", "text" or "partial_json" or "thinking"): read.DeltaText = value; break;
            case ("delta", "stop_reason"): read.StopReason = value; break;
            case ("error", "type"): read.ErrorType = value; break;
            case ("error", "message"): read.ErrorMessage = value; break;
            default: break;
        }
    }
}
