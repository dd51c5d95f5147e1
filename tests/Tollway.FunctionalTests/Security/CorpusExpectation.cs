using System.Text.Json.Serialization;

namespace Tollway.FunctionalTests.Security;

/// <summary>
/// What a corpus case must be answered with. The fields the format carries are compared exactly, and one left out is
/// expected absent (null): OpenAI's <c>type</c>, <c>code</c> and <c>param</c>; Anthropic's <c>type</c>; a problem's
/// <c>title</c>, <c>reason</c> and <c>param</c>; an x402 challenge's <c>code</c> (the code its <c>error</c> starts with).
/// </summary>
public sealed record CorpusExpectation
{
    [JsonPropertyName("status")]
    public required int Status { get; init; }

    /// <summary><c>openai</c>, <c>anthropic</c>, <c>problem</c> or <c>x402</c>; by default the path's.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("param")]
    public string? Param { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>Text the error's message (or problem's detail) must contain, to pin the reason down further.</summary>
    [JsonPropertyName("messageContains")]
    public string? MessageContains { get; init; }
}
