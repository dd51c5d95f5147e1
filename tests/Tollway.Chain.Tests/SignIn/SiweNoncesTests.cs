using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Chain.SignIn;
using Tollway.Gateway.Configuration;

namespace Tollway.Chain.Tests.SignIn;

public sealed class SiweNoncesTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryConsume_IssuedNonce_SucceedsExactlyOnce()
    {
        var nonces = new SiweNonces(Options.Create(new TollwayOptions()), _time);
        var (nonce, _) = nonces.Issue();

        Assert.Matches("^[A-Za-z0-9]{17}$", nonce);
        Assert.True(nonces.IsLive(nonce));
        Assert.True(nonces.TryConsume(nonce));
        Assert.False(nonces.TryConsume(nonce));
        Assert.False(nonces.IsLive(nonce));
    }

    [Fact]
    public void TryConsume_AfterItsLifetime_Fails()
    {
        var nonces = new SiweNonces(Options.Create(new TollwayOptions()), _time);
        var (nonce, expiresAt) = nonces.Issue();

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(_time.GetUtcNow(), expiresAt);
        Assert.False(nonces.IsLive(nonce));
        Assert.False(nonces.TryConsume(nonce));
    }

    [Fact]
    public void TryConsume_NeverIssued_Fails()
    {
        Assert.False(new SiweNonces(Options.Create(new TollwayOptions()), _time).TryConsume("abcdefgh12345678"));
    }
}
