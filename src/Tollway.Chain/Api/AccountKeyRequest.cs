using System.Text.Json.Serialization;
using Tollway.Gateway.Api.Admin;

namespace Tollway.Chain.Api;

/// <summary>Body of <c>POST /account/v1/keys</c>. <see cref="Role"/> is <c>inference</c> when absent, or <c>management</c>;
/// the models and limits may not exceed those of the credential making the key.</summary>
public sealed record AccountKeyRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("allowed_models")] IReadOnlyList<string>? AllowedModels,
    [property: JsonPropertyName("limits")] KeyLimitsRequest? Limits,
    [property: JsonPropertyName("role")] string? Role = null);
