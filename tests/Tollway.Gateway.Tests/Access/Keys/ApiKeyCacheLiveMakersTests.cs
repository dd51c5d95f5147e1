using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Tests.Access.Keys;

/// <summary>A key's makers, walked at authentication, are read again at admission from the <see cref="KeyChain"/>
/// unless a key was revoked in between.</summary>
public sealed class ApiKeyCacheLiveMakersTests
{
    [Fact]
    public void LiveMakersOf_NothingRevokedSinceTheWalk_IsTheChainsOwnList()
    {
        var cache = new ApiKeyCache();
        var line = TestKeys.Line(3);
        cache.Apply(line);
        var chain = new KeyChain(line[2], cache.MakersOf(line[2]), cache.Revocations);

        Assert.Same(chain.Makers, cache.LiveMakersOf(chain));
    }

    [Fact]
    public void LiveMakersOf_AMakerRevokedSinceTheWalk_IsNull()
    {
        var cache = new ApiKeyCache();
        var line = TestKeys.Line(3);
        cache.Apply(line);
        var chain = new KeyChain(line[2], cache.MakersOf(line[2]), cache.Revocations);

        cache.ApplyLocal(line[1] with { RevokedAt = TestKeys.CreatedAt, Version = 9 });

        Assert.Null(cache.LiveMakersOf(chain));
    }

    [Fact]
    public void LiveMakersOf_AKeyAlone_WalksItsMakers()
    {
        var cache = new ApiKeyCache();
        var line = TestKeys.Line(3);
        cache.Apply(line);

        Assert.Equal(["key_1", "key_0"], cache.LiveMakersOf(line[2])!.Select(k => k.Id));
    }

    [Fact]
    public void Authenticate_KeyMadeByAnother_CarriesItsMakersForAdmission()
    {
        var cache = new ApiKeyCache();
        var made = ApiKeyFormat.Generate();
        cache.Apply([TestKeys.Record(ApiKeyFormat.Generate(), version: 1, id: "key_0"), TestKeys.Record(made, version: 2, id: "key_1", makerId: "key_0")]);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + made;

        var chain = new ApiKeyAuthenticator(cache, TimeProvider.System).Authenticate(context.Request).Chain;

        Assert.Equal("key_1", chain.Key.Id);
        Assert.Equal(["key_0"], chain.Makers!.Select(k => k.Id));
        Assert.Equal(cache.Revocations, chain.Revocations);
    }
}
