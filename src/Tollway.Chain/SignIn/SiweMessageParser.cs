using System.Globalization;
using System.Text.RegularExpressions;
using Nethereum.Util;

namespace Tollway.Chain.SignIn;

/// <summary>
/// Parses EIP-4361 messages exactly as the ABNF lays them out: line by line, in order, LF line ends, the optional
/// statement between two blank lines, each optional field at its place or absent. Anything else (a CRLF, a field out
/// of order, a stray line, a non-checksummed address, a short nonce) is refused with the reason, because a message
/// parsed loosely is a message whose meaning the signer and the server may disagree on.
/// </summary>
public static partial class SiweMessageParser
{
    private const string Preamble = " wants you to sign in with your Ethereum account:";

    /// <summary>Parses, or returns <see langword="false"/> with the first thing wrong.</summary>
    public static bool TryParse(string? text, out SiweMessage? message, out string error)
    {
        message = null;
        error = "";
        if (string.IsNullOrEmpty(text))
        {
            error = "the message is empty";
            return false;
        }

        if (text.Contains('\r', StringComparison.Ordinal))
        {
            error = "lines must end with LF only";
            return false;
        }

        var lines = text.Split('\n');
        var at = 0;
        string Line() => at < lines.Length ? lines[at] : "";

        // ${scheme}://${domain} wants you to sign in with your Ethereum account:
        if (!Line().EndsWith(Preamble, StringComparison.Ordinal))
        {
            error = "the first line must be '<domain> wants you to sign in with your Ethereum account:'";
            return false;
        }

        var origin = Line()[..^Preamble.Length];
        string? scheme = null;
        var separator = origin.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0)
        {
            scheme = origin[..separator];
            origin = origin[(separator + 3)..];
            if (!SchemePattern().IsMatch(scheme))
            {
                error = "the scheme is not a valid URI scheme";
                return false;
            }
        }

        if (!AuthorityPattern().IsMatch(origin))
        {
            error = "the domain is not a valid authority (host and optional port)";
            return false;
        }

        at++;
        var address = Line();
        if (!AddressPattern().IsMatch(address) || !AddressUtil.Current.IsChecksumAddress(address))
        {
            error = "the address must be 0x and 40 hex digits with its EIP-55 checksum";
            return false;
        }

        at++;
        if (Line().Length != 0)
        {
            error = "a blank line must follow the address";
            return false;
        }

        at++;
        string? statement = null;
        if (Line().Length != 0)
        {
            statement = Line();
            if (statement.StartsWith("URI: ", StringComparison.Ordinal))
            {
                error = "two blank lines must separate the address from the fields when there is no statement";
                return false;
            }

            at++;
        }

        if (Line().Length != 0)
        {
            error = "a blank line must follow the statement";
            return false;
        }

        at++;
        if (!TryField(lines, ref at, "URI: ", out var uri) || !IsAbsoluteUri(uri))
        {
            error = "'URI: ' with an absolute URI is required after the statement";
            return false;
        }

        if (!TryField(lines, ref at, "Version: ", out var version))
        {
            error = "'Version: ' is required after the URI";
            return false;
        }

        if (!TryField(lines, ref at, "Chain ID: ", out var chainText) || !DigitsPattern().IsMatch(chainText)
            || !long.TryParse(chainText, NumberStyles.None, CultureInfo.InvariantCulture, out var chainId))
        {
            error = "'Chain ID: ' with a decimal chain id is required after the version";
            return false;
        }

        if (!TryField(lines, ref at, "Nonce: ", out var nonce) || !NoncePattern().IsMatch(nonce))
        {
            error = "'Nonce: ' with at least 8 letters and digits is required after the chain id";
            return false;
        }

        if (!TryField(lines, ref at, "Issued At: ", out var issuedText) || !TryParseTime(issuedText, out var issuedAt))
        {
            error = "'Issued At: ' with an RFC 3339 date-time is required after the nonce";
            return false;
        }

        DateTimeOffset? expiration = null;
        if (TryField(lines, ref at, "Expiration Time: ", out var expirationText))
        {
            if (!TryParseTime(expirationText, out var parsed))
            {
                error = "'Expiration Time' is not an RFC 3339 date-time";
                return false;
            }

            expiration = parsed;
        }

        DateTimeOffset? notBefore = null;
        if (TryField(lines, ref at, "Not Before: ", out var notBeforeText))
        {
            if (!TryParseTime(notBeforeText, out var parsed))
            {
                error = "'Not Before' is not an RFC 3339 date-time";
                return false;
            }

            notBefore = parsed;
        }

        string? requestId = null;
        if (TryField(lines, ref at, "Request ID: ", out var requestText))
        {
            if (requestText.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                error = "'Request ID' must not contain spaces";
                return false;
            }

            requestId = requestText;
        }

        var resources = new List<string>();
        if (at < lines.Length && lines[at] == "Resources:")
        {
            at++;
            while (at < lines.Length && lines[at].StartsWith("- ", StringComparison.Ordinal))
            {
                var resource = lines[at][2..];
                if (!IsAbsoluteUri(resource))
                {
                    error = $"resource {resources.Count + 1} is not an absolute URI";
                    return false;
                }

                resources.Add(resource);
                at++;
            }
        }

        if (at != lines.Length)
        {
            error = $"unexpected text on line {at + 1}";
            return false;
        }

        message = new SiweMessage(scheme, origin, address, statement, uri, version, chainId, nonce, issuedAt, expiration, notBefore, requestId, resources);
        return true;
    }

    /// <summary>An RFC 3986 URI with a scheme (on Unix, .NET would also take "/login" as an absolute file path).</summary>
    private static bool IsAbsoluteUri(string text) =>
        UriSchemePrefix().IsMatch(text) && !text.Any(char.IsWhiteSpace) && System.Uri.TryCreate(text, UriKind.Absolute, out _);

    private static bool TryField(string[] lines, ref int at, string prefix, out string value)
    {
        value = "";
        if (at >= lines.Length || !lines[at].StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        value = lines[at][prefix.Length..];
        at++;
        return value.Length > 0;
    }

    /// <summary>RFC 3339 date-time: full date, 'T', full time with optional fraction, and 'Z' or an offset.</summary>
    private static bool TryParseTime(string text, out DateTimeOffset time)
    {
        time = default;
        return Rfc3339Pattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex UriSchemePrefix();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*$")]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(:[0-9]{1,5})?$")]
    private static partial Regex AuthorityPattern();

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex AddressPattern();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex DigitsPattern();

    [GeneratedRegex("^[A-Za-z0-9]{8,}$")]
    private static partial Regex NoncePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339Pattern();
}
