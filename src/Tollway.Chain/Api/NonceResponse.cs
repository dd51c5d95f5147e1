using System.Text.Json.Serialization;

namespace Tollway.Chain.Api;

/// <summary>Answer of <c>GET /auth/siwe/nonce</c>.</summary>
public sealed record NonceResponse(
    [property: JsonPropertyName("nonce")] string Nonce,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
