using System.Text.Json.Serialization;
using Tollway.Gateway.Admin;

namespace Tollway.Chain.Api;

/// <summary>Body of <c>POST /account/v1/keys</c>.</summary>
public sealed record AccountKeyRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("allowed_models")] IReadOnlyList<string>? AllowedModels,
    [property: JsonPropertyName("limits")] KeyLimitsRequest? Limits);
