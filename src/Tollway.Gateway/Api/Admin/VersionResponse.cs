using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>The pricing version a change produced.</summary>
public sealed record VersionResponse([property: JsonPropertyName("version")] long Version);
