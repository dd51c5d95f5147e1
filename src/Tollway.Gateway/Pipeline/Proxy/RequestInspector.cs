using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// Reads the top level of an OpenAI request body with <see cref="Utf8JsonReader"/>: the fields the gateway needs, the
/// offsets of those it may rewrite, a full syntax check (every nested value is skipped by the reader, which validates
/// it) and, in the same pass, the shape of a chat completion's messages (<see cref="ChatMessagesCheck"/>), so a
/// malformed request is refused before any upstream call. Each member the gateway acts on has its own small reader
/// (<see cref="RequestFieldReaders"/>); the request is made once, whole, when the body is known to be valid. Nothing else
/// is copied or allocated.
/// </summary>
internal static class RequestInspector
{
    // The members the gateway reads, matched once per member; the indexes below name them.
    private static readonly string[] Fields =
    [
        "model", "messages", "prompt", "input", "stream", "stream_options", "max_tokens", "max_completion_tokens", "tools", "n",
        "models", "provider", "response_format", "service_tier", "web_search_options", "plugins", "modalities",
    ];

    private static readonly byte[][] FieldBytes = [.. Fields.Select(System.Text.Encoding.UTF8.GetBytes)];

    public const int Messages = 1;
    public const int Prompt = 2;
    public const int Input = 3;
    public const int MaxTokens = 6;
    public const int Models = 10;

    /// <summary>The most choices (<c>n</c>) a request may ask for: OpenAI's own limit.</summary>
    public const int MaxChoices = 128;

    /// <summary>Inspects the body as it reads, with nothing of its client's API added (see <see cref="RequestOrigin"/>).</summary>
    public static RequestInspection Inspect(ReadOnlySpan<byte> body, GatewayOperation operation) =>
        Inspect(body, operation, RequestOrigin.BodyOnly);

    /// <summary>Inspects the body into the request's final state, with what its client's API adds.</summary>
    public static RequestInspection Inspect(ReadOnlySpan<byte> body, GatewayOperation operation, in RequestOrigin origin)
    {
        if (JsonTextCheck.FindProblem(body) is { } badText)
        {
            return RequestInspection.Invalid(badText);
        }

        try
        {
            var state = new InspectionState(body, operation);
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
            return ReadMembers(ref reader, ref state) ?? Complete(ref reader, ref state, origin);
        }
        catch (JsonException ex)
        {
            return RequestInspection.Invalid($"The request body is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>The name of the member at <paramref name="field"/>.</summary>
    public static string FieldName(int field) => Fields[field];

    /// <summary>The operation's prompt member: <c>messages</c>, <c>prompt</c> or <c>input</c>.</summary>
    public static int RequiredField(GatewayOperation operation) => operation switch
    {
        GatewayOperation.ChatCompletions => Messages,
        GatewayOperation.Completions => Prompt,
        _ => Input,
    };

    /// <summary>Reads the root object's members, each through its reader; the refusal of the first one refused.</summary>
    private static RequestInspection? ReadMembers(ref Utf8JsonReader reader, ref InspectionState state)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return RequestInspection.Invalid("The request body must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldIndex(ref reader);
            if (field < 0)
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            // A field the gateway acts on must appear once: an upstream that reads the other copy would otherwise serve
            // a different model, or a stream without usage, from what the gateway checked and priced.
            if ((state.Seen & (1 << field)) != 0)
            {
                return RequestInspection.Invalid($"'{Fields[field]}' appears more than once.", Fields[field]);
            }

            state.Seen |= 1 << field;
            if (RequestFieldReaders.All[field](ref reader, ref state, field) is { } problem)
            {
                return RequestInspection.Invalid(problem.Message, problem.Param);
            }
        }

        return null;
    }

    /// <summary>The checks that need the whole body, in order, then the request.</summary>
    private static RequestInspection Complete(ref Utf8JsonReader reader, ref InspectionState state, in RequestOrigin origin)
    {
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return RequestInspection.Invalid("The request body is not valid JSON.");
        }

        state.RootEnd = (int)reader.TokenStartIndex;
        if (reader.Read())
        {
            return RequestInspection.Invalid("The request body has data after the JSON object.");
        }

        if (string.IsNullOrEmpty(state.Model))
        {
            return RequestInspection.Invalid("'model' is required.", "model");
        }

        if (state.MessagesProblem is { } problem)
        {
            return RequestInspection.Invalid(problem);
        }

        return state.SeenRequired
            ? new RequestInspection(state.ToRequest(origin), null, null)
            : RequestInspection.Invalid($"'{PromptMember.Of(state.Operation)}' is required.", PromptMember.Of(state.Operation));
    }

    /// <summary>The index in <see cref="Fields"/> of the current property, or -1 when the gateway does not read it.</summary>
    private static int FieldIndex(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < FieldBytes.Length; i++)
        {
            if (reader.ValueTextEquals(FieldBytes[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
