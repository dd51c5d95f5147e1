using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tollway.Gateway.Access.Keys;

/// <summary>
/// The SHA-256 of an API key: what is stored and what the cache is keyed by. Keys carry over 230 bits of randomness,
/// so a fast hash is enough; a slow password hash would only add latency to every request.
/// </summary>
public readonly struct KeyHash : IEquatable<KeyHash>
{
    /// <summary>Bytes in a hash.</summary>
    public const int Size = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    /// <summary>Reads a stored hash.</summary>
    public KeyHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A key hash is {Size} bytes.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
    }

    /// <summary>Hashes a presented key without allocating.</summary>
    public static KeyHash Compute(ReadOnlySpan<char> key)
    {
        Span<byte> utf8 = stackalloc byte[256];
        Span<byte> hash = stackalloc byte[Size];
        var byteCount = Encoding.UTF8.GetByteCount(key);
        var buffer = byteCount <= utf8.Length ? utf8[..byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(key, buffer);
        SHA256.HashData(buffer, hash);
        return new KeyHash(hash);
    }

    /// <summary>The 32 bytes, for storage.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Compares in time independent of where the hashes differ.</summary>
    public bool FixedTimeEquals(KeyHash other)
    {
        Span<byte> mine = stackalloc byte[Size];
        Span<byte> theirs = stackalloc byte[Size];
        WriteTo(mine);
        other.WriteTo(theirs);
        return CryptographicOperations.FixedTimeEquals(mine, theirs);
    }

    /// <inheritdoc />
    public bool Equals(KeyHash other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KeyHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)_a;

    /// <summary>Equality.</summary>
    public static bool operator ==(KeyHash left, KeyHash right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(KeyHash left, KeyHash right) => !left.Equals(right);

    private void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, _a);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], _d);
    }
}
