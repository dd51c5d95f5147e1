using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>One endpoint an import re-priced: the public model, the provider, the file entry it came from, and the prices before and after.</summary>
public sealed record PriceChangeResponse(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("old")] PriceResponse? Old,
    [property: JsonPropertyName("new")] PriceResponse New);
