using System.Globalization;

namespace Tollway.FunctionalTests.SignIn;

/// <summary>Builds EIP-4361 messages the way wallets and the siwe libraries lay them out.</summary>
internal static class SiweText
{
    public static string Build(
        string domain, string address, string uri, long chainId, string nonce, DateTimeOffset issuedAt,
        DateTimeOffset? expiration = null, DateTimeOffset? notBefore = null, string? statement = "Sign in to Tollway.")
    {
        var lines = new List<string>
        {
            $"{domain} wants you to sign in with your Ethereum account:",
            address,
            "",
        };
        if (statement is not null)
        {
            lines.Add(statement);
        }

        lines.Add("");
        lines.Add($"URI: {uri}");
        lines.Add("Version: 1");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"Chain ID: {chainId}"));
        lines.Add($"Nonce: {nonce}");
        lines.Add($"Issued At: {Time(issuedAt)}");
        if (expiration is { } e)
        {
            lines.Add($"Expiration Time: {Time(e)}");
        }

        if (notBefore is { } n)
        {
            lines.Add($"Not Before: {Time(n)}");
        }

        return string.Join('\n', lines);
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
