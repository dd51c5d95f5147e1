using System.Security.Cryptography;

namespace Tollway.Gateway.Platform.Identifiers;

/// <summary>Opaque, unguessable identifiers: ids leak nothing about counts or order of other accounts.</summary>
public static class RandomIds
{
    /// <summary>Base62: safe in URLs and selectable with a double click.</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A prefixed random id, for example <c>acct_3kT9…</c>.</summary>
    public static string New(string prefix, int length = 16) =>
        string.Concat(prefix, RandomNumberGenerator.GetString(Alphabet, length));
}
