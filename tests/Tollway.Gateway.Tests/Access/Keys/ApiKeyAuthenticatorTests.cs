using Microsoft.AspNetCore.Http;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Tests.Access.Keys;

public sealed class ApiKeyAuthenticatorTests
{
    private readonly string _liveKey = ApiKeyFormat.Generate();
    private readonly ApiKeyCache _cache = new();
    private readonly ApiKeyAuthenticator _authenticator;

    public ApiKeyAuthenticatorTests()
    {
        _cache.Apply([TestKeys.Record(_liveKey, version: 1)]);
        _authenticator = new ApiKeyAuthenticator(_cache, TimeProvider.System);
    }

    [Fact]
    public void Authenticate_BearerHeader_Succeeds()
    {
        var result = Authenticate(("Authorization", "Bearer " + _liveKey));

        Assert.Equal(ApiKeyAuthenticationStatus.Success, result.Status);
        Assert.NotNull(result.Key);
        Assert.Equal(KeyHash.Compute(_liveKey), result.Key.Hash);
    }

    [Theory]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("Bearer   ")]
    public void Authenticate_BearerSchemeInAnyCaseOrSpacing_Succeeds(string scheme) =>
        Assert.Equal(ApiKeyAuthenticationStatus.Success, Authenticate(("Authorization", scheme + _liveKey)).Status);

    [Fact]
    public void Authenticate_KeyWithSurroundingWhitespace_Succeeds() =>
        Assert.Equal(ApiKeyAuthenticationStatus.Success, Authenticate(("Authorization", "Bearer " + _liveKey + "  ")).Status);

    [Fact]
    public void Authenticate_XApiKeyHeader_Succeeds()
    {
        var result = Authenticate(("x-api-key", _liveKey));

        Assert.Equal(ApiKeyAuthenticationStatus.Success, result.Status);
        Assert.NotNull(result.Key);
    }

    [Fact]
    public void Authenticate_KeyWhoseMakerIsRevoked_IsInvalid()
    {
        var maker = TestKeys.Record(ApiKeyFormat.Generate(), version: 2, id: "key_maker", role: ApiKeyRole.AccountManagement);
        var made = ApiKeyFormat.Generate();
        _cache.Apply([maker, TestKeys.Record(made, version: 3, id: "key_made", makerId: maker.Id)]);
        Assert.Equal(ApiKeyAuthenticationStatus.Success, Authenticate(("Authorization", "Bearer " + made)).Status);

        _cache.ApplyLocal(maker with { RevokedAt = TestKeys.CreatedAt, Version = 4 });

        Assert.Equal(ApiKeyAuthenticationStatus.Invalid, Authenticate(("Authorization", "Bearer " + made)).Status);
    }

    [Fact]
    public void Authenticate_KeyWhoseMakerHasExpired_IsExpired()
    {
        var expired = new KeyLimits(ExpiresAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        var top = TestKeys.Record(ApiKeyFormat.Generate(), version: 2, id: "key_top", limits: expired);
        var maker = TestKeys.Record(ApiKeyFormat.Generate(), version: 3, id: "key_maker", makerId: top.Id);
        var made = ApiKeyFormat.Generate();
        _cache.Apply([top, maker, TestKeys.Record(made, version: 4, id: "key_made", makerId: maker.Id)]);

        var result = Authenticate(("Authorization", "Bearer " + made));

        Assert.Equal(ApiKeyAuthenticationStatus.Expired, result.Status);
        Assert.Null(result.Key);
    }

    [Fact]
    public void Authenticate_NoHeaders_IsMissing()
    {
        var result = Authenticate();

        Assert.Equal(ApiKeyAuthenticationStatus.Missing, result.Status);
        Assert.Null(result.Key);
    }

    [Theory]
    [InlineData("Authorization", "Bearer ")]
    [InlineData("Authorization", "Bearer    ")]
    [InlineData("x-api-key", "")]
    [InlineData("x-api-key", "   ")]
    public void Authenticate_EmptyKey_IsMissing(string header, string value) =>
        Assert.Equal(ApiKeyAuthenticationStatus.Missing, Authenticate((header, value)).Status);

    [Fact]
    public void Authenticate_NonBearerAuthorizationAlone_IsMissing() =>
        Assert.Equal(ApiKeyAuthenticationStatus.Missing, Authenticate(("Authorization", "Basic dXNlcjpwYXNz")).Status);

    [Fact]
    public void Authenticate_NonBearerAuthorizationWithXApiKey_UsesXApiKey() =>
        Assert.Equal(
            ApiKeyAuthenticationStatus.Success,
            Authenticate(("Authorization", "Basic dXNlcjpwYXNz"), ("x-api-key", _liveKey)).Status);

    [Fact]
    public void Authenticate_BothHeaders_BearerWins()
    {
        var result = Authenticate(("Authorization", "Bearer " + ApiKeyFormat.Generate()), ("x-api-key", _liveKey));

        Assert.Equal(ApiKeyAuthenticationStatus.Invalid, result.Status);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("sk-proj-0123456789012345678901234567890123456789")]
    [InlineData("tw-short")]
    [InlineData("tw-0123456789012345678901234567890123456789extra")]
    public void Authenticate_MalformedKey_IsInvalid(string presented)
    {
        Assert.Equal(ApiKeyAuthenticationStatus.Invalid, Authenticate(("Authorization", "Bearer " + presented)).Status);
        Assert.Equal(ApiKeyAuthenticationStatus.Invalid, Authenticate(("x-api-key", presented)).Status);
    }

    [Fact]
    public void Authenticate_WellFormedUnknownKey_IsInvalid()
    {
        var result = Authenticate(("Authorization", "Bearer " + ApiKeyFormat.Generate()));

        Assert.Equal(ApiKeyAuthenticationStatus.Invalid, result.Status);
        Assert.Null(result.Key);
    }

    [Fact]
    public void Authenticate_KeyInWrongCase_IsInvalid() =>
        Assert.Equal(ApiKeyAuthenticationStatus.Invalid, Authenticate(("x-api-key", "tw-" + SwapCase(_liveKey[3..]))).Status);

    [Fact]
    public void Authenticate_RevokedKey_IsInvalid()
    {
        _cache.Apply([TestKeys.Record(_liveKey, version: 2, revokedAt: TestKeys.CreatedAt.AddDays(1))]);

        var result = Authenticate(("Authorization", "Bearer " + _liveKey));

        Assert.Equal(ApiKeyAuthenticationStatus.Invalid, result.Status);
        Assert.Null(result.Key);
    }

    private ApiKeyAuthentication Authenticate(params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        foreach (var (name, value) in headers)
        {
            context.Request.Headers.Append(name, value);
        }

        return _authenticator.Authenticate(context.Request);
    }

    private static string SwapCase(string text) =>
        string.Concat(text.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));
}
