using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>Answer of <c>POST /admin/v1/models/import</c>: what changed, what was already so, what was skipped and why, and
/// the pricing version written (<see langword="null"/> on a dry run or when nothing changed).</summary>
public sealed record ModelImportResponse(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("dry_run")] bool DryRun,
    [property: JsonPropertyName("version")] long? Version,
    [property: JsonPropertyName("changed")] IReadOnlyList<PriceChangeResponse> Changed,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("skipped")] IReadOnlyList<SkippedPriceResponse> Skipped);
