using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Chain.SignIn;

namespace Tollway.Chain.Tests.SignIn;

public sealed class SiweNoncesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryUsedSignInNonceStore _used = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryUseAsync_IssuedNonce_SucceedsExactlyOnce()
    {
        var nonces = Create(Secret(1));
        var (nonce, expiresAt) = nonces.Issue();

        Assert.Matches("^[0-9a-f]{72}$", nonce);
        Assert.Equal(_time.GetUtcNow().AddMinutes(10), expiresAt);
        Assert.True(nonces.IsAuthentic(nonce));
        Assert.True(await nonces.TryUseAsync(nonce, Ct));
        Assert.False(await nonces.TryUseAsync(nonce, Ct));
        Assert.Equal(_time.GetUtcNow().AddMinutes(-10), _used.LastForgetBefore);
    }

    [Fact]
    public async Task TryUseAsync_AfterItsLifetime_FailsWithoutAskingTheStore()
    {
        var nonces = Create(Secret(1));
        var (nonce, expiresAt) = nonces.Issue();

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(_time.GetUtcNow(), expiresAt);
        Assert.False(nonces.IsAuthentic(nonce));
        Assert.False(await nonces.TryUseAsync(nonce, Ct));
        Assert.Equal(0, _used.Calls);
    }

    [Fact]
    public async Task TryUseAsync_ForgedOrAlteredNonce_FailsWithoutAskingTheStore()
    {
        var nonces = Create(Secret(1));
        var (nonce, _) = nonces.Issue();
        // Its random part, its expiry (pushed a day later) and its MAC, each changed in one digit; its capitals; one from
        // another secret; one never issued; and the old 17-character format.
        var later = nonce[..24] + (long.Parse(nonce[24..40], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) + 86_400).ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + nonce[40..];
        string[] forged =
        [
            Flip(nonce, 3), later, Flip(nonce, 71), nonce.ToUpperInvariant(), Create(Secret(2)).Issue().Nonce,
            new string('a', 72), "NotIssuedHere1234",
        ];

        foreach (var candidate in forged)
        {
            Assert.False(nonces.IsAuthentic(candidate), candidate);
            Assert.False(await nonces.TryUseAsync(candidate, Ct), candidate);
        }

        Assert.Equal(0, _used.Calls);
        Assert.True(await nonces.TryUseAsync(nonce, Ct));
    }

    [Fact]
    public void Issue_SameSecretOnAnotherNode_IsAuthenticThere()
    {
        var (nonce, _) = Create(Secret(1)).Issue();

        Assert.True(Create(Secret(1)).IsAuthentic(nonce));
        Assert.False(Create(Secret(2)).IsAuthentic(nonce));
    }

    private SiweNonces Create(string secret)
    {
        var wrapped = Options.Create(new SignInOptions { SessionSecret = secret });
        return new SiweNonces(new SignInSecret(wrapped), _used, wrapped, _time);
    }

    private static string Flip(string nonce, int at) => nonce[..at] + (nonce[at] == '0' ? '1' : '0') + nonce[(at + 1)..];

    private static string Secret(byte seed) => Convert.ToBase64String(Enumerable.Repeat(seed, 32).ToArray());
}
