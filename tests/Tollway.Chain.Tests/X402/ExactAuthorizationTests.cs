using System.Numerics;
using Tollway.Chain.X402;

namespace Tollway.Chain.Tests.X402;

public sealed class ExactAuthorizationTests
{
    private static readonly string Signature = "0x" + new string('a', 130);
    private static readonly string Nonce = "0x" + new string('F', 64);

    [Fact]
    public void TryParse_DecimalAndHexNumbers_ParsesBothAndLowersAddresses()
    {
        var parsed = ExactAuthorization.TryParse(new ExactEvmPayload(Signature,
            new Eip3009Authorization("0x857b06519E91e3A54538791bDbb0E22373e36b66", "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", "10000", "0x0", "0X67C0B25A", Nonce)));

        Assert.NotNull(parsed);
        Assert.Equal("0x857b06519e91e3a54538791bdbb0e22373e36b66", parsed.From);
        Assert.Equal("0x209693bc6afc0c5328ba36faf03c514ef312287c", parsed.To);
        Assert.Equal(new BigInteger(10000), parsed.Value);
        Assert.Equal(BigInteger.Zero, parsed.ValidAfter);
        Assert.Equal(new BigInteger(0x67C0B25A), parsed.ValidBefore);
        Assert.Equal("0x" + new string('f', 64), parsed.NonceHex);
        Assert.Equal(65, parsed.Signature.Length);
    }

    [Theory]
    [InlineData("0x857b06519E91e3A54538791bDbb0E22373e36b6", "10000", "0x" + "ff")]
    [InlineData("0x857b06519E91e3A54538791bDbb0E22373e36b66", "-1", "0x" + "ff")]
    [InlineData("0x857b06519E91e3A54538791bDbb0E22373e36b66", "1e5", "0x" + "ff")]
    [InlineData("0x857b06519E91e3A54538791bDbb0E22373e36b66", "10000", "0x" + "ff")]
    [InlineData("0x857b06519E91e3A54538791bDbb0E22373e36b66", "0x", null)]
    public void TryParse_MalformedField_ReturnsNull(string from, string value, string? nonce)
    {
        Assert.Null(ExactAuthorization.TryParse(new ExactEvmPayload(Signature,
            new Eip3009Authorization(from, "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", value, "0", "1", nonce ?? Nonce))));
    }

    [Fact]
    public void ParseUint_Above256Bits_ReturnsNull()
    {
        Assert.Null(ExactAuthorization.ParseUint("0x1" + new string('0', 64)));
        Assert.NotNull(ExactAuthorization.ParseUint("0x" + new string('f', 64)));
    }

    [Fact]
    public void TryParse_MissingSignature_ReturnsNull()
    {
        Assert.Null(ExactAuthorization.TryParse(new ExactEvmPayload(null,
            new Eip3009Authorization("0x857b06519E91e3A54538791bDbb0E22373e36b66", "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", "1", "0", "1", Nonce))));
    }
}
