using System.Security.Cryptography;
using System.Text;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Tests.Access.Keys;

public sealed class KeyHashTests
{
    [Theory]
    [InlineData("tw-0123456789abcdefghijABCDEFGHIJ0123456789")]
    [InlineData("")]
    [InlineData("clé-ünïcødé-🔑")]
    public void Compute_Text_EqualsSha256OfUtf8(string key)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));

        Assert.Equal(expected, KeyHash.Compute(key).ToArray());
    }

    [Fact]
    public void Compute_TextLongerThanStackBuffer_EqualsSha256OfUtf8()
    {
        // Past 256 UTF-8 bytes the hash takes its heap path; it must agree with the stack path's algorithm.
        var key = new string('é', 300);

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), KeyHash.Compute(key).ToArray());
    }

    [Fact]
    public void ToArray_ThenConstructor_RoundTrips()
    {
        var hash = KeyHash.Compute(ApiKeyFormat.Generate());

        var bytes = hash.ToArray();
        var read = new KeyHash(bytes);

        Assert.Equal(KeyHash.Size, bytes.Length);
        Assert.Equal(hash, read);
        Assert.Equal(bytes, read.ToArray());
    }

    [Fact]
    public void Constructor_ArbitraryBytes_KeepsTheirOrder()
    {
        var bytes = Enumerable.Range(0, KeyHash.Size).Select(i => (byte)i).ToArray();

        Assert.Equal(bytes, new KeyHash(bytes).ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Constructor_WrongLength_Throws(int length) =>
        Assert.Throws<ArgumentException>(() => new KeyHash(new byte[length]));

    [Fact]
    public void Equality_SameKey_IsEqualEverywhere()
    {
        var a = KeyHash.Compute("tw-same");
        var b = KeyHash.Compute("tw-same");

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.FixedTimeEquals(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equality_DifferentKeys_IsUnequalEverywhere()
    {
        var a = KeyHash.Compute("tw-one");
        var b = KeyHash.Compute("tw-two");

        Assert.False(a.Equals(b));
        Assert.False(a == b);
        Assert.True(a != b);
        Assert.False(a.FixedTimeEquals(b));
        Assert.False(a.Equals((object)"tw-one"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(31)]
    public void FixedTimeEquals_SingleByteDiffers_IsFalse(int index)
    {
        // Each 8-byte lane is compared: a difference in any of them must be seen.
        var bytes = SHA256.HashData("tw-x"u8);
        var other = (byte[])bytes.Clone();
        other[index] ^= 0x01;

        Assert.False(new KeyHash(bytes).FixedTimeEquals(new KeyHash(other)));
        Assert.NotEqual(new KeyHash(bytes), new KeyHash(other));
    }

    [Fact]
    public void Equality_UsableAsDictionaryKey()
    {
        var map = new Dictionary<KeyHash, string> { [KeyHash.Compute("tw-a")] = "a" };

        Assert.True(map.TryGetValue(new KeyHash(KeyHash.Compute("tw-a").ToArray()), out var value));
        Assert.Equal("a", value);
        Assert.False(map.ContainsKey(KeyHash.Compute("tw-b")));
    }
}
