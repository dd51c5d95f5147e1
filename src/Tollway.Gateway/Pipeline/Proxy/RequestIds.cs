using System.Security.Cryptography;
using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// Request ids: <c>gen-</c>, the time in Unix milliseconds as eight base-62 digits, then sixteen random characters (about
/// 95 bits). The form follows OpenRouter's generation ids, which also start with the time.
/// </summary>
/// <remarks>
/// The time comes first so that ids sort roughly as requests happen. Every request's charge (and log entry) is stored
/// under its id in a unique index; ids that arrive in order are appended at that index's end, a few pages per group
/// commit, where random ids land on a different page each and make every commit write one page per charge. An id tells
/// its holder nothing the response's <c>created</c> field did not, and nothing about other accounts.
/// </remarks>
internal static class RequestIds
{
    public const string Prefix = "gen-";

    /// <summary>Digits of the time: 62^8 milliseconds reach past the year 8000.</summary>
    private const int TimeDigits = 8;

    private const int RandomCharacters = 16;

    [ThreadStatic]
    private static RandomPool? t_random;

    public static string New(DateTimeOffset now) =>
        string.Create(Prefix.Length + TimeDigits + RandomCharacters, Math.Max(now.ToUnixTimeMilliseconds(), 0), static (id, millis) =>
        {
            Prefix.CopyTo(id);
            // RandomIds.Alphabet is in ASCII order, so fixed-width digits compare (ordinally) as the numbers do.
            for (var i = Prefix.Length + TimeDigits - 1; i >= Prefix.Length; i--)
            {
                id[i] = RandomIds.Alphabet[(int)(millis % RandomIds.Alphabet.Length)];
                millis /= RandomIds.Alphabet.Length;
            }

            FillRandom(id[(Prefix.Length + TimeDigits)..]);
        });

    /// <summary>
    /// Uniform random base-62 characters from the system's secure generator: a byte below 248 (4 × 62) picks a character
    /// by its remainder, the few above are skipped. The bytes are drawn 512 at a time per thread, so one call to the
    /// system serves some thirty ids: <see cref="RandomNumberGenerator.GetItems{T}(ReadOnlySpan{T}, Span{T})"/>, and even
    /// one draw per id, cost the request about a microsecond each.
    /// </summary>
    private static void FillRandom(Span<char> destination)
    {
        const int Usable = 248;
        var pool = t_random ??= new RandomPool();
        for (var filled = 0; filled < destination.Length;)
        {
            if (pool.Next == pool.Bytes.Length)
            {
                RandomNumberGenerator.Fill(pool.Bytes);
                pool.Next = 0;
            }

            var b = pool.Bytes[pool.Next++];
            if (b < Usable)
            {
                destination[filled++] = RandomIds.Alphabet[b % RandomIds.Alphabet.Length];
            }
        }
    }

    /// <summary>Random bytes drawn ahead for one thread, used once each.</summary>
    private sealed class RandomPool
    {
        public byte[] Bytes { get; } = new byte[512];

        public int Next { get; set; } = 512;
    }
}
