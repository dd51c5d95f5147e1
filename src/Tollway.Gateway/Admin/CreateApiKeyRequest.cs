using System.Text.Json.Serialization;

namespace Tollway.Gateway.Admin;

/// <summary>Body of <c>POST /admin/v1/keys</c>.</summary>
public sealed record CreateApiKeyRequest(
    [property: JsonPropertyName("account_id")] string? AccountId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("allowed_models")] IReadOnlyList<string>? AllowedModels);
