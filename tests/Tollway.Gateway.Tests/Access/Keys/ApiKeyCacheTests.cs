using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Tests.Access.Keys;

public sealed class ApiKeyCacheTests
{
    private const string KeyA = "tw-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private const string KeyB = "tw-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    [Fact]
    public void New_Always_IsEmptyUnloadedAtVersionZero()
    {
        var cache = new ApiKeyCache();

        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Version);
        Assert.False(cache.IsLoaded);
    }

    [Fact]
    public void MarkLoaded_Always_SetsIsLoaded()
    {
        var cache = new ApiKeyCache();

        cache.MarkLoaded();

        Assert.True(cache.IsLoaded);
    }

    [Fact]
    public void Apply_LiveKey_IsFoundByItsHash()
    {
        var cache = new ApiKeyCache();
        var record = TestKeys.Record(KeyA, version: 1);

        cache.Apply([record]);

        Assert.True(cache.TryGet(KeyHash.Compute(KeyA), out var found));
        Assert.Same(record, found);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void TryGet_UnknownHash_FailsWithNull()
    {
        var cache = new ApiKeyCache();
        cache.Apply([TestKeys.Record(KeyA, version: 1)]);

        Assert.False(cache.TryGet(KeyHash.Compute(KeyB), out var found));
        Assert.Null(found);
    }

    [Fact]
    public void Apply_Revocation_RemovesTheKey()
    {
        var cache = new ApiKeyCache();
        cache.Apply([TestKeys.Record(KeyA, version: 1), TestKeys.Record(KeyB, version: 2, id: "key_b")]);

        cache.Apply([TestKeys.Record(KeyA, version: 3, revokedAt: TestKeys.CreatedAt.AddHours(1))]);

        Assert.False(cache.TryGet(KeyHash.Compute(KeyA), out _));
        Assert.True(cache.TryGet(KeyHash.Compute(KeyB), out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Apply_CreatedAndRevokedInOneBatch_EndsRevoked()
    {
        var cache = new ApiKeyCache();

        cache.Apply([TestKeys.Record(KeyA, version: 1), TestKeys.Record(KeyA, version: 2, revokedAt: TestKeys.CreatedAt)]);

        Assert.False(cache.TryGet(KeyHash.Compute(KeyA), out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Apply_RevocationOfUnknownKey_IsHarmless()
    {
        var cache = new ApiKeyCache();

        cache.Apply([TestKeys.Record(KeyA, version: 4, revokedAt: TestKeys.CreatedAt)]);

        Assert.Equal(0, cache.Count);
        Assert.Equal(4, cache.Version);
    }

    [Fact]
    public void Apply_ChangedRecord_ReplacesTheOldOne()
    {
        var cache = new ApiKeyCache();
        cache.Apply([TestKeys.Record(KeyA, version: 1)]);
        var renamed = TestKeys.Record(KeyA, version: 2) with { Name = "renamed" };

        cache.Apply([renamed]);

        Assert.True(cache.TryGet(KeyHash.Compute(KeyA), out var found));
        Assert.Equal("renamed", found.Name);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Apply_Changes_VersionTracksTheHighestSeen()
    {
        var cache = new ApiKeyCache();

        cache.Apply([TestKeys.Record(KeyA, version: 3), TestKeys.Record(KeyB, version: 7, id: "key_b")]);
        Assert.Equal(7, cache.Version);

        // A stale feed snapshot applied late must not move the cursor backwards.
        cache.Apply([TestKeys.Record(KeyA, version: 5)]);
        Assert.Equal(7, cache.Version);

        cache.Apply([]);
        Assert.Equal(7, cache.Version);
    }

    [Fact]
    public void ApplyLocal_LiveKey_IsFoundWithoutMovingTheFeedCursor()
    {
        var cache = new ApiKeyCache();
        cache.Apply([TestKeys.Record(KeyA, version: 2)]);

        cache.ApplyLocal(TestKeys.Record(KeyB, version: 9, id: "key_b"));

        Assert.True(cache.TryGet(KeyHash.Compute(KeyB), out _));
        Assert.Equal(2, cache.Version);
    }

    [Fact]
    public void ApplyLocal_Revocation_RemovesTheKeyWithoutMovingTheFeedCursor()
    {
        var cache = new ApiKeyCache();
        cache.Apply([TestKeys.Record(KeyA, version: 2)]);

        // The revocation took store version 9; versions 3 to 8 may be other nodes' keys not read yet.
        cache.ApplyLocal(TestKeys.Record(KeyA, version: 9, revokedAt: TestKeys.CreatedAt));

        Assert.False(cache.TryGet(KeyHash.Compute(KeyA), out _));
        Assert.Equal(2, cache.Version);
    }

    [Fact]
    public void MakersOf_KeyMadeByKeys_ListsThemFromItsMakerUp()
    {
        var cache = new ApiKeyCache();
        var line = TestKeys.Line(4);
        cache.Apply(line);

        Assert.Equal(["key_2", "key_1", "key_0"], cache.MakersOf(line[3])!.Select(k => k.Id));
        Assert.Empty(cache.MakersOf(line[0])!);
    }

    [Fact]
    public void MakersOf_AMakerRevoked_IsNullForEveryKeyUnderIt()
    {
        var cache = new ApiKeyCache();
        var line = TestKeys.Line(4);
        cache.Apply(line);

        cache.ApplyLocal(line[1] with { RevokedAt = TestKeys.CreatedAt, Version = 9 });

        // The keys under it are still in the cache by their hashes, but no longer live.
        Assert.True(cache.TryGet(line[3].Hash, out _));
        Assert.Null(cache.MakersOf(line[2]));
        Assert.Null(cache.MakersOf(line[3]));
        Assert.NotNull(cache.MakersOf(line[0]));
    }

    [Fact]
    public void MakersOf_LineLongerThanTheMost_IsNull()
    {
        var cache = new ApiKeyCache();
        var line = TestKeys.Line(ApiKeyRecord.MaxMakers + 2);
        cache.Apply(line);

        Assert.Equal(ApiKeyRecord.MaxMakers, cache.MakersOf(line[ApiKeyRecord.MaxMakers])!.Count);
        Assert.Null(cache.MakersOf(line[ApiKeyRecord.MaxMakers + 1]));
    }
}
