using System.Text.Json.Serialization;

namespace Tollway.Gateway.Catalog.Models.Shipped;

/// <summary>Source-generated reading of <c>catalog.json</c> (camelCase, unknown members refused so a misspelt field fails a test).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ShippedCatalogFile))]
internal sealed partial class ShippedCatalogJsonContext : JsonSerializerContext;
