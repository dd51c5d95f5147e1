using System.Security.Cryptography;
using Tollway.Gateway.Identifiers;

namespace Tollway.Gateway.Proxy;

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

            RandomNumberGenerator.GetItems(RandomIds.Alphabet, id[(Prefix.Length + TimeDigits)..]);
        });
}
