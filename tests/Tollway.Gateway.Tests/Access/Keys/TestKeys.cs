using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Tests.Access.Keys;

/// <summary>Builds key records the way the store holds them, for tests that need a cache or a store pre-filled.</summary>
internal static class TestKeys
{
    public static readonly DateTimeOffset CreatedAt = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static ApiKeyRecord Record(
        string plaintext,
        long version = 0,
        DateTimeOffset? revokedAt = null,
        string id = "key_test",
        ApiKeyRole role = ApiKeyRole.Inference,
        IReadOnlyList<string>? allowedModels = null,
        string? makerId = null,
        KeyLimits? limits = null) =>
        new(
            id,
            "acct_test",
            "test key",
            KeyHash.Compute(plaintext),
            ApiKeyFormat.LastFour(plaintext),
            role,
            allowedModels,
            CreatedAt,
            revokedAt,
            version,
            limits,
            makerId);

    /// <summary>A line of keys, each made by the one before it; the first made by no key.</summary>
    public static ApiKeyRecord[] Line(int length) =>
        [.. Enumerable.Range(0, length).Select(i => Record(ApiKeyFormat.Generate(), version: i + 1, id: $"key_{i}", makerId: i == 0 ? null : $"key_{i - 1}"))];
}
