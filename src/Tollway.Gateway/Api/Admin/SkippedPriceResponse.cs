using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>A file entry an import did not apply, and why.</summary>
public sealed record SkippedPriceResponse(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("reason")] string Reason);
