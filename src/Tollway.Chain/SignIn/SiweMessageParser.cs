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
        var problem = Read(text, out message);
        error = problem ?? "";
        return problem is null;
    }

    /// <summary>The message's parts in the order the ABNF lays them out; the first that is wrong is the answer.</summary>
    private static string? Read(string? text, out SiweMessage? message)
    {
        message = null;
        if (string.IsNullOrEmpty(text))
        {
            return "the message is empty";
        }

        if (text.Contains('\r', StringComparison.Ordinal))
        {
            return "lines must end with LF only";
        }

        var lines = text.Split('\n');
        var at = 0;
        if (ReadOrigin(lines[at], out var scheme, out var domain) is { } originProblem)
        {
            return originProblem;
        }

        at++;
        if (ReadAddressAndStatement(lines, ref at, out var address, out var statement) is { } bodyProblem)
        {
            return bodyProblem;
        }

        if (ReadRequiredFields(lines, ref at, out var required) is { } requiredProblem)
        {
            return requiredProblem;
        }

        if (ReadOptionalFields(lines, ref at, out var optional) is { } optionalProblem)
        {
            return optionalProblem;
        }

        if (ReadResources(lines, ref at, out var resources) is { } resourceProblem)
        {
            return resourceProblem;
        }

        if (at != lines.Length)
        {
            return $"unexpected text on line {at + 1}";
        }

        message = new SiweMessage(scheme, domain, address, statement, required.Uri, required.Version, required.ChainId, required.Nonce,
            required.IssuedAt, optional.Expiration, optional.NotBefore, optional.RequestId, resources);
        return null;
    }

    /// <summary>The first line: <c>${scheme}://${domain} wants you to sign in with your Ethereum account:</c>, the scheme optional.</summary>
    private static string? ReadOrigin(string line, out string? scheme, out string domain)
    {
        scheme = null;
        domain = "";
        if (!line.EndsWith(Preamble, StringComparison.Ordinal))
        {
            return "the first line must be '<domain> wants you to sign in with your Ethereum account:'";
        }

        domain = line[..^Preamble.Length];
        var separator = domain.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0)
        {
            scheme = domain[..separator];
            domain = domain[(separator + 3)..];
            if (!SchemePattern().IsMatch(scheme))
            {
                return "the scheme is not a valid URI scheme";
            }
        }

        return AuthorityPattern().IsMatch(domain) ? null : "the domain is not a valid authority (host and optional port)";
    }

    /// <summary>The address, a blank line, the optional statement, and the blank line that ends it.</summary>
    private static string? ReadAddressAndStatement(string[] lines, ref int at, out string address, out string? statement)
    {
        statement = null;
        address = LineAt(lines, at);
        if (!AddressPattern().IsMatch(address) || !AddressUtil.Current.IsChecksumAddress(address))
        {
            return "the address must be 0x and 40 hex digits with its EIP-55 checksum";
        }

        at++;
        if (LineAt(lines, at).Length != 0)
        {
            return "a blank line must follow the address";
        }

        at++;
        if (LineAt(lines, at).Length != 0)
        {
            statement = LineAt(lines, at);
            if (statement.StartsWith("URI: ", StringComparison.Ordinal))
            {
                return "two blank lines must separate the address from the fields when there is no statement";
            }

            at++;
        }

        if (LineAt(lines, at).Length != 0)
        {
            return "a blank line must follow the statement";
        }

        at++;
        return null;
    }

    /// <summary>URI, Version, Chain ID, Nonce and Issued At: each required, in this order.</summary>
    private static string? ReadRequiredFields(
        string[] lines, ref int at, out (string Uri, string Version, long ChainId, string Nonce, DateTimeOffset IssuedAt) fields)
    {
        fields = default;
        if (!TryField(lines, ref at, "URI: ", out var uri) || !IsAbsoluteUri(uri))
        {
            return "'URI: ' with an absolute URI is required after the statement";
        }

        if (!TryField(lines, ref at, "Version: ", out var version))
        {
            return "'Version: ' is required after the URI";
        }

        if (!TryField(lines, ref at, "Chain ID: ", out var chainText) || !DigitsPattern().IsMatch(chainText)
            || !long.TryParse(chainText, NumberStyles.None, CultureInfo.InvariantCulture, out var chainId))
        {
            return "'Chain ID: ' with a decimal chain id is required after the version";
        }

        if (!TryField(lines, ref at, "Nonce: ", out var nonce) || !NoncePattern().IsMatch(nonce))
        {
            return "'Nonce: ' with at least 8 letters and digits is required after the chain id";
        }

        if (!TryField(lines, ref at, "Issued At: ", out var issuedText) || !TryParseTime(issuedText, out var issuedAt))
        {
            return "'Issued At: ' with an RFC 3339 date-time is required after the nonce";
        }

        fields = (uri, version, chainId, nonce, issuedAt);
        return null;
    }

    /// <summary>Expiration Time, Not Before and Request ID: each may be absent, but not out of its place.</summary>
    private static string? ReadOptionalFields(
        string[] lines, ref int at, out (DateTimeOffset? Expiration, DateTimeOffset? NotBefore, string? RequestId) fields)
    {
        fields = default;
        if (TryField(lines, ref at, "Expiration Time: ", out var expirationText))
        {
            if (!TryParseTime(expirationText, out var expiration))
            {
                return "'Expiration Time' is not an RFC 3339 date-time";
            }

            fields.Expiration = expiration;
        }

        if (TryField(lines, ref at, "Not Before: ", out var notBeforeText))
        {
            if (!TryParseTime(notBeforeText, out var notBefore))
            {
                return "'Not Before' is not an RFC 3339 date-time";
            }

            fields.NotBefore = notBefore;
        }

        if (TryField(lines, ref at, "Request ID: ", out var requestText))
        {
            if (requestText.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                return "'Request ID' must not contain spaces";
            }

            fields.RequestId = requestText;
        }

        return null;
    }

    /// <summary>An optional <c>Resources:</c> line and the <c>- URI</c> lines under it.</summary>
    private static string? ReadResources(string[] lines, ref int at, out List<string> resources)
    {
        resources = [];
        if (at >= lines.Length || lines[at] != "Resources:")
        {
            return null;
        }

        at++;
        while (at < lines.Length && lines[at].StartsWith("- ", StringComparison.Ordinal))
        {
            var resource = lines[at][2..];
            if (!IsAbsoluteUri(resource))
            {
                return $"resource {resources.Count + 1} is not an absolute URI";
            }

            resources.Add(resource);
            at++;
        }

        return null;
    }

    private static string LineAt(string[] lines, int at) => at < lines.Length ? lines[at] : "";

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
