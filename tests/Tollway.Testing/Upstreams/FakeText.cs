namespace Tollway.Testing.Upstreams;

/// <summary>The fake's answer texts, and their splitting and counting, shared by the streamed and non-streamed writers
/// (public so tests can assert on exactly what the fake said).</summary>
public static class FakeText
{
    public const string DefaultContent = "Hello from the fake upstream.";
    public const string ToolResultContent = "The weather in Paris is sunny.";
    public const string JsonContent = """{"answer":"Hello from the fake upstream."}""";
    public const string ToolArguments = """{"city":"Paris"}""";

    /// <summary>The thinking of native providers asked to think (Anthropic's thinking block, Gemini's thought part).</summary>
    public const string Thinking = "Let me think about the weather.";

    /// <summary>Whitespace-separated words, the fake's stand-in for completion tokens.</summary>
    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>
    /// One piece per word with the whitespace before it kept ("Hello", " from", ...), so concatenating the
    /// deltas gives back the exact text.
    /// </summary>
    public static List<string> SplitWords(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 1; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]))
            {
                pieces.Add(text[start..i]);
                start = i;
            }
        }

        if (start < text.Length)
        {
            pieces.Add(text[start..]);
        }

        return pieces;
    }

    /// <summary>Splits tool-call arguments into at least three fragments, as OpenAI streams them piecemeal.</summary>
    public static List<string> SplitArguments(string arguments)
    {
        var size = Math.Max(1, arguments.Length / 4);
        var pieces = new List<string>();
        for (var i = 0; i < arguments.Length; i += size)
        {
            pieces.Add(arguments.Substring(i, Math.Min(size, arguments.Length - i)));
        }

        return pieces;
    }
}
