using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>Body of <c>POST /admin/v1/keys</c>. <see cref="Role"/> is <c>inference</c> when absent, else <c>management</c> or
/// <c>admin</c> (see <see cref="Access.Keys.ApiKeyRoleNames"/>).</summary>
public sealed record CreateApiKeyRequest(
    [property: JsonPropertyName("account_id")] string? AccountId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("allowed_models")] IReadOnlyList<string>? AllowedModels);
