using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>Body of <c>PUT /admin/v1/markups</c>: scope (<c>global</c>, <c>provider</c>, <c>model</c>, <c>account</c>), its subject, and the percentage (null clears it).</summary>
public sealed record SetMarkupRequest(
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("percent")] string? Percent);
