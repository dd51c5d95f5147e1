using System.Diagnostics.CodeAnalysis;

namespace Tollway.Chain.Wallets;

/// <summary>
/// An Ethereum address in its one stored form: <c>0x</c> and 40 lower-case hex digits. Lower case is the key everywhere
/// (database, lookups, ledger references) so that a checksummed and a lower-case spelling can never name two wallets;
/// the EIP-55 checksummed form is for display, and checksums are checked where an address is typed in.
/// </summary>
public readonly record struct WalletAddress
{
    private WalletAddress(string value) => Value = value;

    /// <summary><c>0x</c> and 40 lower-case hex digits.</summary>
    public string Value { get; }

    /// <summary>Parses <c>0x</c> and 40 hex digits of any case (the checksum is not checked here).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out WalletAddress address)
    {
        address = default;
        if (text is null || text.Length != 42 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        {
            return false;
        }

        for (var i = 2; i < text.Length; i++)
        {
            if (!char.IsAsciiHexDigit(text[i]))
            {
                return false;
            }
        }

        address = new WalletAddress(string.Concat("0x", text.AsSpan(2).ToString().ToLowerInvariant()));
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static WalletAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException("Not an Ethereum address (0x and 40 hex digits).");

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
