using System.Text.Json.Serialization;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Api.Admin;

/// <summary>A key as the admin API shows it: masked, never the key itself (except <see cref="Key"/> once, at creation).</summary>
public sealed record ApiKeyResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("masked_key")] string MaskedKey,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("allowed_models")] IReadOnlyList<string>? AllowedModels,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt)
{
    /// <summary>The plaintext key: present only in the response that created it.</summary>
    [JsonPropertyName("key")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    /// <summary>The key's limits, when it has any.</summary>
    [JsonPropertyName("limits")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public KeyLimitsRequest? Limits { get; init; }

    /// <summary>The key that made this one through the account API, when one did (its limits hold for this key too).</summary>
    [JsonPropertyName("maker_key_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MakerKeyId { get; init; }

    internal static ApiKeyResponse From(ApiKeyRecord key) => new(
        key.Id, key.AccountId, key.Name, key.Masked, ApiKeyRoleNames.Of(key.Role), key.AllowedModels, key.CreatedAt, key.RevokedAt)
    {
        Limits = key.Limits is { } limits ? KeyLimitsMapping.ToRequest(limits) : null,
        MakerKeyId = key.MakerId,
    };
}
