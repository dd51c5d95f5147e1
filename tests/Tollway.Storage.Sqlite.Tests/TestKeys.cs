using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Storage.Sqlite.Tests;

/// <summary>Accounts and keys made the way the gateway makes them: a real generated key, stored only as its hash.</summary>
internal static class TestKeys
{
    /// <summary>A time with sub-millisecond ticks, to show the stores keep exactly milliseconds.</summary>
    public static readonly DateTimeOffset Epoch = new DateTimeOffset(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero).AddTicks(7931);

    public static Account NewAccount(string name = "acme", DateTimeOffset? createdAt = null) =>
        new(RandomIds.New(Account.IdPrefix), name, createdAt ?? Epoch);

    public static CreatedApiKey NewKey(
        string accountId,
        string name = "ci key",
        ApiKeyRole role = ApiKeyRole.Inference,
        IReadOnlyList<string>? allowedModels = null,
        DateTimeOffset? createdAt = null)
    {
        var plaintext = ApiKeyFormat.Generate();
        var record = new ApiKeyRecord(
            RandomIds.New(ApiKeyRecord.IdPrefix),
            accountId,
            name,
            KeyHash.Compute(plaintext),
            ApiKeyFormat.LastFour(plaintext),
            role,
            allowedModels,
            createdAt ?? Epoch);
        return new CreatedApiKey(record, plaintext);
    }

    public static DateTimeOffset TruncatedToMilliseconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
