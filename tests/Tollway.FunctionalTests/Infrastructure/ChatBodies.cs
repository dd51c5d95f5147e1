namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// Request bodies whose prompt estimate really covers the usage a test makes the fake provider report: the gateway
/// holds the worst case it can foresee, so a fake usage above the prompt or max_tokens would be billed only up to it.
/// </summary>
public static class ChatBodies
{
    /// <summary>A prompt of about 1,200 tokens and room for 1,000 output tokens.</summary>
    public static string LargePrompt(string model = "gpt-4o-mini", bool stream = false, bool streamUsage = false) =>
        "{\"model\":\"" + model + "\"," + (stream ? "\"stream\":true," : "") + (streamUsage ? "\"stream_options\":{\"include_usage\":true}," : "")
        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + string.Join(' ', Enumerable.Repeat("word", 1200)) + "\"}],\"max_tokens\":1000}";

    /// <summary>An embeddings request of about 6,000 tokens.</summary>
    public static string LargeEmbedding(string model = "text-embedding-3-small") =>
        "{\"model\":\"" + model + "\",\"input\":\"" + string.Join(' ', Enumerable.Repeat("word", 6000)) + "\"}";
}
