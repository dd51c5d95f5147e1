using System.Text.Json.Serialization;

namespace Tollway.Chain.X402;

/// <summary>Source-generated JSON for the x402 wire types, in the protocol's camelCase; absent optional fields are left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(PaymentRequired))]
[JsonSerializable(typeof(PaymentRequiredV1))]
[JsonSerializable(typeof(PaymentPayload))]
[JsonSerializable(typeof(SettlementResponse))]
[JsonSerializable(typeof(FacilitatorRequest))]
[JsonSerializable(typeof(FacilitatorVerifyResponse))]
internal sealed partial class X402JsonContext : JsonSerializerContext;
