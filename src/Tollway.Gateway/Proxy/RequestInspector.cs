using System.Text.Json;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Reads the top level of an OpenAI request body with <see cref="Utf8JsonReader"/>: the fields the gateway needs, the
/// offsets of those it may rewrite, a full syntax check (every nested value is skipped by the reader, which validates
/// it) and, in the same pass, the shape of a chat completion's messages (<see cref="ChatMessagesCheck"/>), so a
/// malformed request is refused before any upstream call. Nothing else is copied or allocated.
/// </summary>
internal static class RequestInspector
{
    // The members the gateway reads, matched once per member; the indexes below name them.
    private static readonly string[] GatewayFields =
    [
        "model", "messages", "prompt", "input", "stream", "stream_options", "max_tokens", "max_completion_tokens", "tools", "n",
        "models", "provider", "response_format", "service_tier", "web_search_options", "plugins", "modalities",
    ];

    private static readonly byte[][] GatewayFieldBytes = [.. GatewayFields.Select(System.Text.Encoding.UTF8.GetBytes)];

    private const int Model = 0;
    private const int Messages = 1;
    private const int Prompt = 2;
    private const int Input = 3;
    private const int Stream = 4;
    private const int StreamOptions = 5;
    private const int MaxTokens = 6;
    private const int MaxCompletionTokens = 7;
    private const int Tools = 8;
    private const int Choices = 9;
    private const int Models = 10;
    private const int Provider = 11;
    private const int ResponseFormat = 12;
    private const int ServiceTier = 13;
    private const int WebSearchOptions = 14;
    private const int Plugins = 15;
    private const int Modalities = 16;

    /// <summary>The most choices (<c>n</c>) a request may ask for: OpenAI's own limit.</summary>
    public const int MaxChoices = 128;

    public static RequestInspection Inspect(ReadOnlySpan<byte> body, GatewayOperation operation)
    {
        if (JsonTextCheck.FindProblem(body) is { } badText)
        {
            return RequestInspection.Invalid(badText);
        }

        try
        {
            return InspectCore(body, operation);
        }
        catch (JsonException ex)
        {
            return RequestInspection.Invalid($"The request body is not valid JSON: {ex.Message}");
        }
    }

    private static RequestInspection InspectCore(ReadOnlySpan<byte> body, GatewayOperation operation)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return RequestInspection.Invalid("The request body must be a JSON object.");
        }

        var request = new InspectedRequest();
        var seenRequired = false;
        RequestProblem? messagesProblem = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // A field the gateway acts on must appear once: an upstream that reads the other copy would otherwise serve
            // a different model, or a stream without usage, from what the gateway checked and priced.
            var field = GatewayFieldIndex(ref reader);
            if (field >= 0)
            {
                if ((seen & (1 << field)) != 0)
                {
                    return RequestInspection.Invalid($"'{GatewayFields[field]}' appears more than once.", GatewayFields[field]);
                }

                seen |= 1 << field;
            }

            if (field == Model)
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return RequestInspection.Invalid("'model' must be a string.", "model");
                }

                if (ReadModelId(ref reader) is not { } model)
                {
                    return RequestInspection.Invalid($"'model' is longer than {CatalogModel.MaxIdLength} characters.", "model");
                }

                var start = (int)reader.TokenStartIndex;
                request.Model = model;
                request.ModelValue = start..(start + TokenLength(ref reader));
            }
            else if (field == RequiredField(operation))
            {
                reader.Read();
                if (!IsValidRequiredValue(reader.TokenType, operation))
                {
                    return RequestInspection.Invalid($"'{PromptMember.Of(operation)}' has the wrong type.", PromptMember.Of(operation));
                }

                seenRequired = true;
                var valueStart = (int)reader.TokenStartIndex;
                if (operation == GatewayOperation.ChatCompletions)
                {
                    // Kept until the whole body is known to be JSON, so that a body that is not is refused as such.
                    messagesProblem = ChatMessagesCheck.Check(ref reader);
                }
                else
                {
                    reader.Skip();
                }

                // A byte search, not a parse: images only matter for routing, and only an endpoint declared without
                // vision is kept away from a request that seems to carry one.
                request.UsesImages = operation == GatewayOperation.ChatCompletions
                    && body[valueStart..((int)reader.TokenStartIndex + 1)].IndexOf("\"image_url\""u8) >= 0;
            }
            else if (field == Stream)
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                {
                    return RequestInspection.Invalid("'stream' must be a boolean.", "stream");
                }

                request.Stream = reader.TokenType == JsonTokenType.True;
            }
            else if (field == StreamOptions)
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    request.ClientWantsStreamUsage = ReadIncludeUsage(ref reader);
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return RequestInspection.Invalid("'stream_options' must be an object.", "stream_options");
                }

                request.StreamOptionsValue = start..((int)reader.TokenStartIndex + TokenLength(ref reader));
            }
            else if (field is MaxTokens or MaxCompletionTokens)
            {
                var name = GatewayFields[field];
                reader.Read();
                if (ReadOutputLimit(ref reader) is not { } limit)
                {
                    return RequestInspection.Invalid($"'{name}' must be a positive integer.", name);
                }

                if (field == MaxTokens)
                {
                    request.MaxTokensValue = limit;
                }
                else
                {
                    request.MaxCompletionTokensValue = limit;
                }

                // The larger of the two is held: a provider may read either.
                if (limit.Tokens > (request.MaxOutputTokens ?? 0))
                {
                    request.MaxOutputTokens = limit.Tokens;
                    request.MaxOutputTokensParam = name;
                }
            }
            else if (field == Tools)
            {
                reader.Read();
                request.HasTools = reader.TokenType == JsonTokenType.StartArray && PeekNonEmptyArray(ref reader);
                if (request.HasTools && OpenRouterServerTools.Any(reader))
                {
                    return RequestInspection.Invalid(OpenRouterServerTools.Refusal, "tools");
                }

                reader.Skip();
            }
            else if (field == WebSearchOptions)
            {
                reader.Read();
                if (ChatSearchOptions.Read(ref reader) is not { } search)
                {
                    return RequestInspection.Invalid(ChatSearchOptions.Refusal, "web_search_options");
                }

                // One search per request: how search models and Perplexity bill it.
                request.Features = search
                    ? request.Features with { ChatWebSearches = Math.Max(request.Features.ChatWebSearches, 1), SearchParam = "web_search_options" }
                    : request.Features;
            }
            else if (field == Plugins)
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var (results, pdfEngineNamed, refusal) = OpenRouterPlugins.Read(body[start..((int)reader.TokenStartIndex + 1)]);
                if (refusal is not null)
                {
                    return RequestInspection.Invalid(refusal, "plugins");
                }

                request.PdfEngineNamed = pdfEngineNamed;
                request.Features = results > 0
                    ? request.Features with { ChatWebSearches = Math.Max(request.Features.ChatWebSearches, results), SearchParam = request.Features.SearchParam ?? "plugins" }
                    : request.Features;
            }
            else if (field == Modalities)
            {
                reader.Read();
                if (!OutputModalities.IsBillable(ref reader))
                {
                    return RequestInspection.Invalid(OutputModalities.Refusal, "modalities");
                }
            }
            else if (field == ResponseFormat)
            {
                reader.Read();
                request.UsesJsonSchema = reader.TokenType == JsonTokenType.StartObject && IsJsonSchemaFormat(reader);
                reader.Skip();
            }
            else if (field is Models or Provider)
            {
                var isModels = field == Models;
                var memberStart = (int)reader.TokenStartIndex;
                reader.Read();
                if (reader.TokenType != (isModels ? JsonTokenType.StartArray : JsonTokenType.StartObject))
                {
                    var name = isModels ? "models" : "provider";
                    return RequestInspection.Invalid($"'{name}' must be {(isModels ? "an array of model ids" : "an object")}.", name);
                }

                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                var valueEnd = (int)reader.TokenStartIndex + 1;
                if (isModels)
                {
                    request.ModelsMember = memberStart..valueEnd;
                    request.ModelsValue = valueStart..valueEnd;
                }
                else
                {
                    request.ProviderMember = memberStart..valueEnd;
                    request.ProviderValue = valueStart..valueEnd;
                }
            }
            else if (field == ServiceTier)
            {
                reader.Read();
                if (ServiceTiers.Read(ref reader) is not { } priority)
                {
                    return RequestInspection.Invalid(ServiceTiers.Refusal, "service_tier");
                }

                request.Features = request.Features with { PriorityTier = priority };
            }
            else if (field == Choices)
            {
                reader.Read();
                // Bounded as OpenAI bounds it: n multiplies the worst case, so an unbounded n is an unbounded hold.
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) && n is >= 1 and <= MaxChoices)
                {
                    request.Choices = n;
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return RequestInspection.Invalid($"'n' must be an integer from 1 to {MaxChoices}.", "n");
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return RequestInspection.Invalid("The request body is not valid JSON.");
        }

        request.RootEnd = (int)reader.TokenStartIndex;
        if (reader.Read())
        {
            return RequestInspection.Invalid("The request body has data after the JSON object.");
        }

        if (string.IsNullOrEmpty(request.Model))
        {
            return RequestInspection.Invalid("'model' is required.", "model");
        }

        if (messagesProblem is { } problem)
        {
            return RequestInspection.Invalid(problem);
        }

        return seenRequired
            ? new RequestInspection(request, null, null)
            : RequestInspection.Invalid($"'{PromptMember.Of(operation)}' is required.", PromptMember.Of(operation));
    }

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

    /// <summary>The index in <see cref="GatewayFields"/> of the current property, or -1 when the gateway does not read it.</summary>
    private static int GatewayFieldIndex(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < GatewayFieldBytes.Length; i++)
        {
            if (reader.ValueTextEquals(GatewayFieldBytes[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int RequiredField(GatewayOperation operation) => operation switch
    {
        GatewayOperation.ChatCompletions => Messages,
        GatewayOperation.Completions => Prompt,
        _ => Input,
    };

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
