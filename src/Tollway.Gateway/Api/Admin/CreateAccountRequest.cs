using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>Body of <c>POST /admin/v1/accounts</c>.</summary>
public sealed record CreateAccountRequest([property: JsonPropertyName("name")] string? Name);
