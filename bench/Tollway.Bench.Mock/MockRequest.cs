using System.Buffers;
using System.Text.Json;

namespace Tollway.Bench.Mock;

/// <summary>The three fields of a chat completion request that decide the mock's answer.</summary>
internal readonly record struct MockRequest(string Model, bool Stream, bool IncludeUsage)
{
    public static MockRequest Read(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        string model = "mock";
        bool stream = false, includeUsage = false;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                model = reader.GetString() ?? model;
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                stream = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("stream_options"u8))
            {
                includeUsage = ReadIncludeUsage(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new MockRequest(model, stream, includeUsage);
    }

    private static bool ReadIncludeUsage(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var includeUsage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            includeUsage |= isIncludeUsage && reader.TokenType == JsonTokenType.True;
            reader.Skip();
        }

        return includeUsage;
    }
}
