using System.Buffers.Binary;
using System.Text;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// The deterministic vectors the fake upstream returns for <c>/embeddings</c>, exposed so tests can assert
/// exact values after a round trip through the gateway (float or base64).
/// </summary>
public static class FakeEmbedding
{
    /// <summary>Vector length when the request sets no <c>dimensions</c>.</summary>
    public const int DefaultDimensions = 8;

    /// <summary>The vector for one input; token-array inputs are keyed by their comma-joined token ids.</summary>
    public static float[] For(string input, int dimensions = DefaultDimensions)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);

        // FNV-1a rather than string.GetHashCode, which is randomized per process: the vector must be the
        // same in the fake's process and in whatever process computes the expectation.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(input))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            hash = (hash ^ (uint)i) * 16777619u;
            // Spread over [-1, 1]; any float32 survives both the JSON number and the base64 round trip exactly.
            vector[i] = (hash % 2001u / 1000f) - 1f;
        }

        return vector;
    }

    /// <summary>The base64 of the vector's little-endian float32 bytes, as OpenAI sends for <c>encoding_format: "base64"</c>.</summary>
    public static string ToBase64(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
