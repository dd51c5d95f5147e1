using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>Source-generated JSON for the admin API.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, WriteIndented = false)]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(ApiKeyResponse))]
[JsonSerializable(typeof(ListResponse<AccountResponse>))]
[JsonSerializable(typeof(ListResponse<ApiKeyResponse>))]
[JsonSerializable(typeof(CreateAccountRequest))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(MoneyMovementRequest))]
[JsonSerializable(typeof(MoneyMovementResponse))]
[JsonSerializable(typeof(BalanceResponse))]
[JsonSerializable(typeof(ListResponse<JournalEntryResponse>))]
[JsonSerializable(typeof(ReconciliationResponse))]
[JsonSerializable(typeof(SetPriceRequest))]
[JsonSerializable(typeof(SetMarkupRequest))]
[JsonSerializable(typeof(VersionResponse))]
[JsonSerializable(typeof(KeyLimitsRequest))]
[JsonSerializable(typeof(ListResponse<EndpointHealthResponse>))]
[JsonSerializable(typeof(ModelImportResponse))]
public sealed partial class AdminJsonContext : JsonSerializerContext;
