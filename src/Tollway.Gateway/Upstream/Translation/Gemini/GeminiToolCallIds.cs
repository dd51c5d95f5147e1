namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>
/// Gemini signs the thinking behind a function call (<c>thoughtSignature</c>) and wants the signature back with the call
/// on the next turn; OpenAI's format has nowhere to keep it but the call's id, so it rides there and is taken out again.
/// </summary>
internal static class GeminiToolCallIds
{
    private const string Marker = "~sig~";

    public static string Create(string? id, string? thoughtSignature)
    {
        var callId = string.IsNullOrEmpty(id) ? "call_" + Guid.NewGuid().ToString("N")[..24] : id;
        return string.IsNullOrEmpty(thoughtSignature) ? callId : callId + Marker + thoughtSignature;
    }

    public static string? ThoughtSignature(string? toolCallId)
    {
        var at = toolCallId?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : toolCallId![(at + Marker.Length)..];
    }
}
