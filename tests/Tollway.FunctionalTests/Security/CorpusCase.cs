using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tollway.FunctionalTests.Security;

/// <summary>
/// One hostile request of the corpus and what the gateway must answer (see <c>Corpus/README.md</c>): where it goes, with
/// which headers and body (placeholders such as <c>{{key}}</c> filled in by <see cref="CorpusPlaceholders"/>), and the
/// expected status and error. Exactly one of <see cref="Json"/>, <see cref="Text"/> and <see cref="Base64"/> may be set.
/// </summary>
public sealed record CorpusCase
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>One of <see cref="HostileCorpus.Categories"/>.</summary>
    [JsonPropertyName("category")]
    public required string Category { get; init; }

    [JsonPropertyName("method")]
    public string Method { get; init; } = "POST";

    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("headers")]
    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>A body written as JSON (placeholders inside its strings are filled in after it is serialized).</summary>
    [JsonPropertyName("json")]
    public JsonElement? Json { get; init; }

    /// <summary>A body as text, for bodies that are not valid JSON.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>A body as raw bytes in base64, for bodies that are not even UTF-8.</summary>
    [JsonPropertyName("base64")]
    public string? Base64 { get; init; }

    [JsonPropertyName("expect")]
    public required CorpusExpectation Expect { get; init; }

    /// <summary>Why the case exists, for the reader; not checked.</summary>
    [JsonPropertyName("why")]
    public string? Why { get; init; }

    /// <summary>The file the case came from.</summary>
    [JsonIgnore]
    public string File { get; init; } = "";

    /// <summary>The endpoint group the case counts towards: x402 when it carries a payment header, else its path's.</summary>
    [JsonIgnore]
    public string Endpoint => Headers.Keys.Any(h => h.Equals("PAYMENT-SIGNATURE", StringComparison.OrdinalIgnoreCase) || h.Equals("X-PAYMENT", StringComparison.OrdinalIgnoreCase))
        ? "x402"
        : HostileCorpus.EndpointOf(Path);

    /// <summary>The error shape the answer must have: given, or the one the path's API uses.</summary>
    [JsonIgnore]
    public string Format => Expect.Format ?? (Path.StartsWith("/v1/messages", StringComparison.Ordinal) ? "anthropic"
        : Path.StartsWith("/v1/", StringComparison.Ordinal) ? "openai"
        : "problem");
}
