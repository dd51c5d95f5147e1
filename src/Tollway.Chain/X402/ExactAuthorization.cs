using System.Globalization;
using System.Numerics;

namespace Tollway.Chain.X402;

/// <summary>
/// An EIP-3009 authorization, parsed: addresses as <c>0x</c> + 40 lower-case hex digits (one spelling per wallet, as
/// everywhere in Tollway), amounts and times as unsigned 256-bit integers, the nonce as 32 bytes, and the 65-byte
/// signature. Numbers may come in decimal or <c>0x</c> hex, as the exact EVM scheme allows.
/// </summary>
public sealed record ExactAuthorization(
    string From, string To, BigInteger Value, BigInteger ValidAfter, BigInteger ValidBefore, byte[] Nonce, byte[] Signature)
{
    private static readonly BigInteger MaxUint256 = (BigInteger.One << 256) - 1;

    /// <summary>The nonce as <c>0x</c> + 64 lower-case hex digits (the form used in references and the database).</summary>
    public string NonceHex => "0x" + Convert.ToHexStringLower(Nonce);

    /// <summary>Parses the payload's signature and authorization; <c>null</c> when any field is missing or malformed.</summary>
    public static ExactAuthorization? TryParse(ExactEvmPayload? payload)
    {
        if (payload?.Authorization is not { } a
            || ParseAddress(a.From) is not { } from
            || ParseAddress(a.To) is not { } to
            || ParseUint(a.Value) is not { } value
            || ParseUint(a.ValidAfter) is not { } validAfter
            || ParseUint(a.ValidBefore) is not { } validBefore
            || ParseFixedHex(a.Nonce, 32) is not { } nonce
            || ParseFixedHex(payload.Signature, 65) is not { } signature)
        {
            return null;
        }

        return new ExactAuthorization(from, to, value, validAfter, validBefore, nonce, signature);
    }

    /// <summary><c>0x</c> + 40 hex digits of any case, returned in lower case; <c>null</c> otherwise.</summary>
    public static string? ParseAddress(string? text)
    {
        if (text is null || text.Length != 42 || !HasHexPrefix(text) || !IsHex(text.AsSpan(2)))
        {
            return null;
        }

        return "0x" + text[2..].ToLowerInvariant();
    }

    /// <summary>An unsigned 256-bit integer in decimal or <c>0x</c> hex; <c>null</c> otherwise.</summary>
    public static BigInteger? ParseUint(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 80)
        {
            return null;
        }

        BigInteger value;
        if (HasHexPrefix(text))
        {
            var digits = text.AsSpan(2);
            if (digits.IsEmpty || !IsHex(digits)
                || !BigInteger.TryParse(string.Concat("0", digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
            {
                return null;
            }
        }
        else if (!IsDecimal(text) || !BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }

        return value <= MaxUint256 ? value : null;
    }

    private static byte[]? ParseFixedHex(string? text, int bytes)
    {
        if (text is null || text.Length != 2 + (bytes * 2) || !HasHexPrefix(text) || !IsHex(text.AsSpan(2)))
        {
            return null;
        }

        return Convert.FromHexString(text.AsSpan(2));
    }

    private static bool HasHexPrefix(string text) => text.Length >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDecimal(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
