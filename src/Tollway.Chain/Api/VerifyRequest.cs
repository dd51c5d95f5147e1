using System.Text.Json.Serialization;

namespace Tollway.Chain.Api;

/// <summary>Body of <c>POST /auth/siwe/verify</c>: the exact message the wallet signed, and its signature (hex).</summary>
public sealed record VerifyRequest(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("signature")] string? Signature);
