using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Chain.SignIn;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.Tests.SignIn;

public sealed class SessionTokensTests
{
    private static readonly WalletAddress Wallet = WalletAddress.Parse("0x833589fcd6edb6e08f4c7c32d4f71b54bda02913");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Validate_IssuedToken_ReturnsTheSessionUntilItExpires()
    {
        var tokens = Create(Secret(1));
        var (token, expiresAt) = tokens.Issue("acct_1", Wallet);

        Assert.Equal(new AccountSession("acct_1", Wallet, expiresAt), tokens.Validate(token));
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(tokens.Validate(token));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(tokens.Validate(token));
    }

    [Fact]
    public void Validate_SameSecretOnAnotherNode_Accepts_OtherSecret_Refuses()
    {
        var (token, _) = Create(Secret(1)).Issue("acct_1", Wallet);

        Assert.NotNull(Create(Secret(1)).Validate(token));
        Assert.Null(Create(Secret(2)).Validate(token));
    }

    [Fact]
    public void Validate_TamperedToken_Refuses()
    {
        var tokens = Create(Secret(1));
        var (token, _) = tokens.Issue("acct_1", Wallet);
        var other = tokens.Issue("acct_2", Wallet).Token;

        // The payload of one with the signature of the other, a flipped character, and junk.
        Assert.Null(tokens.Validate(token[..token.IndexOf('.', StringComparison.Ordinal)] + other[other.IndexOf('.', StringComparison.Ordinal)..]));
        Assert.Null(tokens.Validate(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]));
        Assert.Null(tokens.Validate("tws_garbage"));
        Assert.Null(tokens.Validate("tw-notasession"));
    }

    private SessionTokens Create(string secret)
    {
        var wrapped = Options.Create(new SignInOptions { SessionSecret = secret });
        return new SessionTokens(new SignInSecret(wrapped), wrapped, _time);
    }

    private static string Secret(byte seed) => Convert.ToBase64String(Enumerable.Repeat(seed, 32).ToArray());
}
