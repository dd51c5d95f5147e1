using System.Security.Cryptography;
using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Gateway.Access.Keys;

/// <summary>The shape of Tollway keys: <c>tw-</c> followed by 40 base62 characters (about 238 bits).</summary>
public static class ApiKeyFormat
{
    /// <summary>Every key starts with it, so secret scanners and people recognise one.</summary>
    public const string Prefix = "tw-";

    /// <summary>Random characters after the prefix.</summary>
    public const int RandomLength = 40;

    /// <summary>A fresh key.</summary>
    public static string Generate() => Prefix + RandomNumberGenerator.GetString(RandomIds.Alphabet, RandomLength);

    /// <summary>Whether the text could be a Tollway key (cheap check before hashing).</summary>
    public static bool LooksLikeKey(ReadOnlySpan<char> text) =>
        text.Length == Prefix.Length + RandomLength && text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The last four characters, kept for display.</summary>
    public static string LastFour(string key) => key[^4..];

    /// <summary>The masked form shown in listings.</summary>
    public static string Mask(string lastFour) => Prefix + "…" + lastFour;
}
