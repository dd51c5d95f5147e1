using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tollway.Gateway.Wire;

/// <summary>Writer settings for JSON the gateway writes itself: compact, and without escaping quotes or non-ASCII
/// text (these bodies are never embedded in HTML), as OpenAI's own responses read.</summary>
internal static class OpenAiJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };
}
