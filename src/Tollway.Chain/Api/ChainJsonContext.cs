using System.Text.Json.Serialization;
using Tollway.Gateway.Api.Admin;

namespace Tollway.Chain.Api;

/// <summary>Source-generated JSON for sign-in and the account API.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, WriteIndented = false)]
[JsonSerializable(typeof(NonceResponse))]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(AccountBalanceResponse))]
[JsonSerializable(typeof(DataList<DepositResponse>))]
[JsonSerializable(typeof(DataList<DepositInstructionResponse>))]
[JsonSerializable(typeof(DataList<UsageResponse>))]
[JsonSerializable(typeof(DataList<ApiKeyResponse>))]
[JsonSerializable(typeof(ApiKeyResponse))]
[JsonSerializable(typeof(AccountKeyRequest))]
public sealed partial class ChainJsonContext : JsonSerializerContext;
