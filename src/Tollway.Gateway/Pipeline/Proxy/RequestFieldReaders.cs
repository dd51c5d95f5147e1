using System.Text.Json;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// One small reader per member the gateway acts on, indexed as <see cref="RequestInspector.FieldName"/> names them: each
/// is called with the reader on the member's name, reads (or skips) its value, and records what it found in the
/// <see cref="InspectionState"/>, or says why the member is refused.
/// </summary>
internal static class RequestFieldReaders
{
    /// <summary>Reads one member's value; the problem when it is refused.</summary>
    public delegate RequestProblem? FieldReader(ref Utf8JsonReader reader, ref InspectionState state, int field);

    /// <summary>The readers, in the order of <see cref="RequestInspector.FieldName"/>.</summary>
    public static FieldReader[] All { get; } =
    [
        Model, PromptField, PromptField, PromptField, Stream, StreamOptions, OutputLimit, OutputLimit, Tools, Choices,
        RoutingMember, RoutingMember, ResponseFormat, ServiceTier, WebSearchOptions, Plugins, Modalities,
    ];

    private static RequestProblem? Model(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            return Invalid("'model' must be a string.", "model");
        }

        if (ReadModelId(ref reader) is not { } model)
        {
            return Invalid($"'model' is longer than {CatalogModel.MaxIdLength} characters.", "model");
        }

        var start = (int)reader.TokenStartIndex;
        state.Model = model;
        state.ModelValue = start..(start + TokenLength(ref reader));
        return null;
    }

    /// <summary><c>messages</c>, <c>prompt</c> or <c>input</c>: the operation's own is checked; the others are skipped.</summary>
    private static RequestProblem? PromptField(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        reader.Read();
        var operation = state.Operation;
        if (field != RequestInspector.RequiredField(operation))
        {
            reader.Skip();
            return null;
        }

        if (!IsValidRequiredValue(reader.TokenType, operation))
        {
            return Invalid($"'{PromptMember.Of(operation)}' has the wrong type.", PromptMember.Of(operation));
        }

        state.SeenRequired = true;
        var valueStart = (int)reader.TokenStartIndex;
        if (operation == GatewayOperation.ChatCompletions)
        {
            // Kept until the whole body is known to be JSON, so that a body that is not is refused as such.
            state.MessagesProblem = ChatMessagesCheck.Check(ref reader);
        }
        else
        {
            reader.Skip();
        }

        // A byte search, not a parse: images only matter for routing, and only an endpoint declared without vision is
        // kept away from a request that seems to carry one.
        state.UsesImages = operation == GatewayOperation.ChatCompletions
            && state.Body[valueStart..((int)reader.TokenStartIndex + 1)].IndexOf("\"image_url\""u8) >= 0;
        return null;
    }

    private static RequestProblem? Stream(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        reader.Read();
        if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
        {
            return Invalid("'stream' must be a boolean.", "stream");
        }

        state.Stream = reader.TokenType == JsonTokenType.True;
        return null;
    }

    private static RequestProblem? StreamOptions(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            state.ClientWantsStreamUsage = ReadIncludeUsage(ref reader);
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            return Invalid("'stream_options' must be an object.", "stream_options");
        }

        state.StreamOptionsValue = start..((int)reader.TokenStartIndex + TokenLength(ref reader));
        return null;
    }

    /// <summary><c>max_tokens</c> or <c>max_completion_tokens</c>: the larger of the two is held, since a provider may read either.</summary>
    private static RequestProblem? OutputLimit(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        var name = RequestInspector.FieldName(field);
        reader.Read();
        if (ReadOutputLimit(ref reader) is not { } limit)
        {
            return Invalid($"'{name}' must be a positive integer.", name);
        }

        if (field == RequestInspector.MaxTokens)
        {
            state.MaxTokensValue = limit;
        }
        else
        {
            state.MaxCompletionTokensValue = limit;
        }

        if (limit.Tokens > (state.MaxOutputTokens ?? 0))
        {
            state.MaxOutputTokens = limit.Tokens;
            state.MaxOutputTokensParam = name;
        }

        return null;
    }

    private static RequestProblem? Tools(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        reader.Read();
        state.HasTools = reader.TokenType == JsonTokenType.StartArray && PeekNonEmptyArray(ref reader);
        if (state.HasTools && OpenRouterServerTools.Any(reader))
        {
            return Invalid(OpenRouterServerTools.Refusal, "tools");
        }

        reader.Skip();
        return null;
    }

    private static RequestProblem? WebSearchOptions(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        reader.Read();
        if (ChatSearchOptions.Read(ref reader) is not { } search)
        {
            return Invalid(ChatSearchOptions.Refusal, "web_search_options");
        }

        // One search per request: how search models and Perplexity bill it.
        state.Features = search
            ? state.Features with { ChatWebSearches = Math.Max(state.Features.ChatWebSearches, 1), SearchParam = "web_search_options" }
            : state.Features;
        return null;
    }

    private static RequestProblem? Plugins(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var (results, pdfEngineNamed, refusal) = OpenRouterPlugins.Read(state.Body[start..((int)reader.TokenStartIndex + 1)]);
        if (refusal is not null)
        {
            return Invalid(refusal, "plugins");
        }

        state.PdfEngineNamed = pdfEngineNamed;
        state.Features = results > 0
            ? state.Features with { ChatWebSearches = Math.Max(state.Features.ChatWebSearches, results), SearchParam = state.Features.SearchParam ?? "plugins" }
            : state.Features;
        return null;
    }

    private static RequestProblem? Modalities(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        reader.Read();
        return OutputModalities.IsBillable(ref reader) ? null : Invalid(OutputModalities.Refusal, "modalities");
    }

    private static RequestProblem? ResponseFormat(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        reader.Read();
        state.UsesJsonSchema = reader.TokenType == JsonTokenType.StartObject && IsJsonSchemaFormat(reader);
        reader.Skip();
        return null;
    }

    /// <summary>OpenRouter's <c>models</c> and <c>provider</c>: read by the gateway, never sent upstream, so their places are kept.</summary>
    private static RequestProblem? RoutingMember(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        var isModels = field == RequestInspector.Models;
        var memberStart = (int)reader.TokenStartIndex;
        reader.Read();
        if (reader.TokenType != (isModels ? JsonTokenType.StartArray : JsonTokenType.StartObject))
        {
            var name = isModels ? "models" : "provider";
            return Invalid($"'{name}' must be {(isModels ? "an array of model ids" : "an object")}.", name);
        }

        var valueStart = (int)reader.TokenStartIndex;
        reader.Skip();
        var valueEnd = (int)reader.TokenStartIndex + 1;
        if (isModels)
        {
            state.ModelsMember = memberStart..valueEnd;
            state.ModelsValue = valueStart..valueEnd;
        }
        else
        {
            state.ProviderMember = memberStart..valueEnd;
            state.ProviderValue = valueStart..valueEnd;
        }

        return null;
    }

    private static RequestProblem? ServiceTier(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        reader.Read();
        if (ServiceTiers.Read(ref reader) is not { } priority)
        {
            return Invalid(ServiceTiers.Refusal, "service_tier");
        }

        state.Features = state.Features with { PriorityTier = priority };
        return null;
    }

    private static RequestProblem? Choices(ref Utf8JsonReader reader, ref InspectionState state, int field)
    {
        reader.Read();
        // Bounded as OpenAI bounds it: n multiplies the worst case, so an unbounded n is an unbounded hold.
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) && n is >= 1 and <= RequestInspector.MaxChoices)
        {
            state.Choices = n;
            return null;
        }

        return reader.TokenType == JsonTokenType.Null ? null : Invalid($"'n' must be an integer from 1 to {RequestInspector.MaxChoices}.", "n");
    }

    private static RequestProblem Invalid(string message, string param) => new(message, param, null);

    /// <summary>An output limit value (a positive integer, or null), or <see langword="null"/> when it is neither.</summary>
    private static OutputLimitValue? ReadOutputLimit(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        var value = start..(start + TokenLength(ref reader));
        if (reader.TokenType == JsonTokenType.Null)
        {
            return new OutputLimitValue(value, null);
        }

        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var max) && max >= 1
            ? new OutputLimitValue(value, max)
            : null;
    }

    /// <summary>The model id, or <see langword="null"/> when it is too long to name any model: refused before it is
    /// decoded, so a megabyte of it is never copied into a string, a log row or an error message.</summary>
    private static string? ReadModelId(ref Utf8JsonReader reader)
    {
        // No character takes more than six bytes as written (a \uXXXX escape).
        if (TokenLength(ref reader) - 2 > CatalogModel.MaxIdLength * 6)
        {
            return null;
        }

        var model = reader.GetString()!;
        return model.Length <= CatalogModel.MaxIdLength ? model : null;
    }

    private static bool IsValidRequiredValue(JsonTokenType token, GatewayOperation operation) => operation switch
    {
        GatewayOperation.ChatCompletions => token == JsonTokenType.StartArray,
        _ => token is JsonTokenType.String or JsonTokenType.StartArray,
    };

    /// <summary>Reads <c>include_usage</c> inside <c>stream_options</c>, leaving the reader on the object's end.</summary>
    private static bool ReadIncludeUsage(ref Utf8JsonReader reader)
    {
        var includeUsage = false;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("include_usage"u8))
            {
                reader.Read();
                includeUsage = reader.TokenType == JsonTokenType.True;
            }
        }

        return includeUsage;
    }

    /// <summary>Whether the object the reader is on has <c>"type": "json_schema"</c> (read on a copy).</summary>
    private static bool IsJsonSchemaFormat(Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("json_schema"u8);
            }
        }

        return false;
    }

    private static bool PeekNonEmptyArray(ref Utf8JsonReader reader)
    {
        var copy = reader;
        return copy.Read() && copy.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Bytes of the current token as written (a string's length includes its quotes and escapes).</summary>
    private static int TokenLength(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => (reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length) + 2,
        JsonTokenType.EndObject or JsonTokenType.EndArray => 1,
        _ => reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length,
    };
}
