using Tollway.Chain.SignIn;

namespace Tollway.Chain.Tests.SignIn;

public sealed class SiweMessageParserTests
{
    private const string Address = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913";

    private const string Full =
        "https://tollway.example:8443 wants you to sign in with your Ethereum account:\n" +
        Address + "\n" +
        "\n" +
        "Sign in to Tollway.\n" +
        "\n" +
        "URI: https://tollway.example:8443/login\n" +
        "Version: 1\n" +
        "Chain ID: 8453\n" +
        "Nonce: abcDEF123456\n" +
        "Issued At: 2026-11-26T12:00:00.000Z\n" +
        "Expiration Time: 2026-11-26T12:10:00Z\n" +
        "Not Before: 2026-11-26T11:59:00+00:00\n" +
        "Request ID: req-42\n" +
        "Resources:\n" +
        "- https://tollway.example/terms\n" +
        "- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq";

    [Fact]
    public void TryParse_EveryField_ReadsEachExactly()
    {
        Assert.True(SiweMessageParser.TryParse(Full, out var message, out var error), error);

        Assert.Equal("https", message!.Scheme);
        Assert.Equal("tollway.example:8443", message.Domain);
        Assert.Equal(Address, message.Address);
        Assert.Equal("Sign in to Tollway.", message.Statement);
        Assert.Equal("https://tollway.example:8443/login", message.Uri);
        Assert.Equal(("1", 8453L, "abcDEF123456"), (message.Version, message.ChainId, message.Nonce));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), message.IssuedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 12, 10, 0, TimeSpan.Zero), message.ExpirationTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 11, 59, 0, TimeSpan.Zero), message.NotBefore);
        Assert.Equal("req-42", message.RequestId);
        Assert.Equal(2, message.Resources.Count);
    }

    [Fact]
    public void TryParse_NoStatementNoOptionalFields_TwoBlankLinesBeforeTheUri()
    {
        var text = $"tollway.example wants you to sign in with your Ethereum account:\n{Address}\n\n\nURI: https://tollway.example\nVersion: 1\nChain ID: 1\nNonce: 12345678\nIssued At: 2026-11-26T12:00:00Z";

        Assert.True(SiweMessageParser.TryParse(text, out var message, out var error), error);

        Assert.Null(message!.Statement);
        Assert.Null(message.Scheme);
        Assert.Null(message.ExpirationTime);
        Assert.Empty(message.Resources);
    }

    public static TheoryData<string, string> Broken() => new()
    {
        { "", "empty" },
        { Full.Replace("\n", "\r\n", StringComparison.Ordinal), "LF only" },
        { Full.Replace(" wants you to sign in", " would like you to sign in", StringComparison.Ordinal), "first line" },
        { Full.Replace(Address, Address.ToLowerInvariant(), StringComparison.Ordinal), "EIP-55" },
        { Full.Replace(Address, "0x833589fcD6eDb6E08f4c7C32D4f71b54bdA02913", StringComparison.Ordinal), "EIP-55" },
        { Full.Replace("Sign in to Tollway.\n\n", "", StringComparison.Ordinal), "two blank lines" },
        { Full.Replace("Sign in to Tollway.\n\nURI", "Sign in to Tollway.\nURI", StringComparison.Ordinal), "blank line must follow the statement" },
        { Full.Replace("Version: 1\nChain ID: 8453\n", "Chain ID: 8453\nVersion: 1\n", StringComparison.Ordinal), "'Version: '" },
        { Full.Replace("Chain ID: 8453", "Chain ID: 0x2105", StringComparison.Ordinal), "'Chain ID: '" },
        { Full.Replace("Nonce: abcDEF123456", "Nonce: abc123", StringComparison.Ordinal), "'Nonce: '" },
        { Full.Replace("Nonce: abcDEF123456", "Nonce: abc-DEF-123456", StringComparison.Ordinal), "'Nonce: '" },
        { Full.Replace("2026-11-26T12:00:00.000Z", "2026-11-26 12:00:00", StringComparison.Ordinal), "'Issued At: '" },
        { Full.Replace("2026-11-26T12:10:00Z", "tomorrow", StringComparison.Ordinal), "Expiration Time" },
        { Full.Replace("URI: https://tollway.example:8443/login", "URI: /login", StringComparison.Ordinal), "'URI: '" },
        { Full.Replace("https://tollway", "1https://tollway", StringComparison.Ordinal), "not a valid URI scheme" },
        { Full.Replace("tollway.example:8443 wants", "tollway example wants", StringComparison.Ordinal), "not a valid authority" },
        { Full.Replace(Address + "\n\n", Address + "\nhello\n", StringComparison.Ordinal), "blank line must follow the address" },
        { Full.Replace("2026-11-26T11:59:00+00:00", "soon", StringComparison.Ordinal), "'Not Before'" },
        { Full.Replace("Request ID: req-42", "Request ID: req 42", StringComparison.Ordinal), "'Request ID' must not contain spaces" },
        { Full.Replace("- https://tollway.example/terms", "- /terms", StringComparison.Ordinal), "resource 1 is not an absolute URI" },
        { Full + "\nP.S. send me your seed phrase", "unexpected text" },
        { Full.Replace("Request ID: req-42\n", "", StringComparison.Ordinal).Replace("Not Before", "Request ID: x\nNot Before", StringComparison.Ordinal), "unexpected text" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void TryParse_MalformedMessage_RefusesWithTheReason(string text, string reasonPart)
    {
        Assert.False(SiweMessageParser.TryParse(text, out var message, out var error));

        Assert.Null(message);
        Assert.Contains(reasonPart, error, StringComparison.Ordinal);
    }
}
