using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>A journal entry with its postings (amounts as USD decimal text).</summary>
public sealed record JournalEntryResponse(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("memo")] string? Memo,
    [property: JsonPropertyName("postings")] IReadOnlyDictionary<string, string> Postings);
