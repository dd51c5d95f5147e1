using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// Checks the <c>messages</c> of a chat completion as OpenAI checks them, in the same pass of the reader that skips
/// them: each message an object with a <c>role</c> of OpenAI's, content of a type its role allows (a string or an array
/// of parts; null or absent only for an assistant message that calls tools, refuses, or answers with audio, and for a
/// <c>function</c> message), every part an object with a <c>type</c> the gateway knows how to count, and a
/// <c>tool_call_id</c> on every tool message. What the gateway cannot count is not forwarded to be billed unseen, and
/// what no provider accepts is refused before any is paid for.
/// </summary>
internal static class ChatMessagesCheck
{
    /// <summary>The roles OpenAI accepts.</summary>
    public const string Roles = "'system', 'developer', 'user', 'assistant', 'tool', 'function'";

    /// <summary>The part types the prompt counter measures: OpenAI's, and the media references of vLLM, Qwen and
    /// OpenRouter (see <see cref="Catalog.Tokens.MediaKind"/>).</summary>
    public const string PartTypes = "'text', 'image_url', 'input_audio', 'file', 'refusal', 'video_url', 'input_video', 'audio_url'";

    private enum Role
    {
        System,
        Developer,
        User,
        Assistant,
        Tool,
        Function,
    }

    private enum Content
    {
        Absent,
        Null,
        Given,
    }

    /// <summary>
    /// Reads the array the reader is on to its end and returns the first problem of its messages, if any (the rest is
    /// still read, so a body that is not JSON at all is refused as such).
    /// </summary>
    public static RequestProblem? Check(ref Utf8JsonReader reader)
    {
        var arrayDepth = reader.CurrentDepth;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var problem = reader.TokenType == JsonTokenType.StartObject
                ? CheckMessage(ref reader, index)
                : RequestProblem.WrongType($"messages[{index}]", "an object");
            if (problem is not null)
            {
                SkipToEndOfArray(ref reader, arrayDepth);
                return problem;
            }

            index++;
        }

        return null;
    }

    /// <summary>Checks the message object the reader is on, leaving it on the object's end.</summary>
    private static RequestProblem? CheckMessage(ref Utf8JsonReader reader, int index)
    {
        Role? role = null;
        var content = Content.Absent;
        bool roleSeen = false, contentSeen = false, toolCallIdSeen = false, answered = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            RequestProblem? problem;
            if (reader.ValueTextEquals("role"u8))
            {
                problem = Once(ref roleSeen, index, "role") ?? ReadRole(ref reader, index, out role);
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                problem = Once(ref contentSeen, index, "content") ?? ReadContent(ref reader, index, out content);
            }
            else if (reader.ValueTextEquals("tool_call_id"u8))
            {
                problem = Once(ref toolCallIdSeen, index, "tool_call_id") ?? ReadToolCallId(ref reader, index);
            }
            else
            {
                // An assistant turn that called tools, refused or answered with audio has no content to give back.
                var answer = reader.ValueTextEquals("tool_calls"u8) || reader.ValueTextEquals("function_call"u8)
                    || reader.ValueTextEquals("refusal"u8) || reader.ValueTextEquals("audio"u8);
                reader.Read();
                answered |= answer && reader.TokenType != JsonTokenType.Null;
                reader.Skip();
                problem = null;
            }

            if (problem is not null)
            {
                return problem;
            }
        }

        return Complete(index, role, content, toolCallIdSeen, answered);
    }

    private static RequestProblem? ReadRole(ref Utf8JsonReader reader, int index, out Role? role)
    {
        reader.Read();
        role = reader.TokenType == JsonTokenType.String ? RoleOf(ref reader) : null;
        if (role is not null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.String
            ? RequestProblem.WrongValue($"messages[{index}].role", $"one of {Roles}")
            : RequestProblem.WrongType($"messages[{index}].role", "a string");
    }

    private static RequestProblem? ReadContent(ref Utf8JsonReader reader, int index, out Content content)
    {
        reader.Read();
        content = reader.TokenType == JsonTokenType.Null ? Content.Null : Content.Given;
        return reader.TokenType switch
        {
            JsonTokenType.String or JsonTokenType.Null => null,
            JsonTokenType.StartArray => CheckParts(ref reader, index),
            _ => RequestProblem.WrongType($"messages[{index}].content", "a string or an array of content parts"),
        };
    }

    private static RequestProblem? ReadToolCallId(ref Utf8JsonReader reader, int index)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? null : RequestProblem.WrongType($"messages[{index}].tool_call_id", "a string");
    }

    /// <summary>What a message must have once all its members are read.</summary>
    private static RequestProblem? Complete(int index, Role? role, Content content, bool toolCallId, bool answered)
    {
        if (role is not { } known)
        {
            return RequestProblem.Missing($"messages[{index}].role");
        }

        var contentOptional = known == Role.Function || (known == Role.Assistant && answered);
        if (content != Content.Given && !contentOptional)
        {
            return content == Content.Absent
                ? RequestProblem.Missing($"messages[{index}].content")
                : RequestProblem.WrongType($"messages[{index}].content", "a string or an array of content parts");
        }

        return known == Role.Tool && !toolCallId ? RequestProblem.Missing($"messages[{index}].tool_call_id") : null;
    }

    /// <summary>Checks the content parts of the array the reader is on, leaving it on the array's end.</summary>
    private static RequestProblem? CheckParts(ref Utf8JsonReader reader, int index)
    {
        var part = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return RequestProblem.WrongType($"messages[{index}].content[{part}]", "an object");
            }

            var typeSeen = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                if (isType && typeSeen)
                {
                    return RequestProblem.Twice($"messages[{index}].content[{part}].type");
                }

                typeSeen |= isType;
                reader.Read();
                if (isType && reader.TokenType != JsonTokenType.String)
                {
                    return RequestProblem.WrongType($"messages[{index}].content[{part}].type", "a string");
                }

                if (isType && !IsKnownPartType(ref reader))
                {
                    return RequestProblem.WrongValue($"messages[{index}].content[{part}].type", $"one of {PartTypes}");
                }

                reader.Skip();
            }

            if (!typeSeen)
            {
                return RequestProblem.Missing($"messages[{index}].content[{part}].type");
            }

            part++;
        }

        return null;
    }

    private static RequestProblem? Once(ref bool seen, int index, string member)
    {
        if (seen)
        {
            return RequestProblem.Twice($"messages[{index}].{member}");
        }

        seen = true;
        return null;
    }

    private static Role? RoleOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("user"u8) ? Role.User
        : reader.ValueTextEquals("assistant"u8) ? Role.Assistant
        : reader.ValueTextEquals("system"u8) ? Role.System
        : reader.ValueTextEquals("tool"u8) ? Role.Tool
        : reader.ValueTextEquals("developer"u8) ? Role.Developer
        : reader.ValueTextEquals("function"u8) ? Role.Function
        : null;

    private static bool IsKnownPartType(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("image_url"u8) || reader.ValueTextEquals("input_audio"u8)
        || reader.ValueTextEquals("file"u8) || reader.ValueTextEquals("refusal"u8) || reader.ValueTextEquals("video_url"u8)
        || reader.ValueTextEquals("input_video"u8) || reader.ValueTextEquals("audio_url"u8);

    /// <summary>Reads on (each token still checked as JSON) to the end of the array at <paramref name="arrayDepth"/>.</summary>
    private static void SkipToEndOfArray(ref Utf8JsonReader reader, int arrayDepth)
    {
        while (!(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == arrayDepth) && reader.Read())
        {
        }
    }
}
