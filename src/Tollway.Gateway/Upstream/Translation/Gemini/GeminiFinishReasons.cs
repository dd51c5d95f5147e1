namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>Gemini's <c>finishReason</c> (and a prompt's <c>blockReason</c>) as OpenAI's <c>finish_reason</c>.</summary>
internal static class GeminiFinishReasons
{
    /// <param name="finishReason">The candidate's reason.</param>
    /// <param name="calledFunctions">Gemini ends a turn of function calls with <c>STOP</c>; OpenAI says <c>tool_calls</c>.</param>
    public static string ToFinishReason(string? finishReason, bool calledFunctions) => finishReason switch
    {
        "MAX_TOKENS" => "length",
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => "content_filter",
        _ when calledFunctions => "tool_calls",
        _ => "stop",
    };
}
