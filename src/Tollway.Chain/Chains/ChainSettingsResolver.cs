using Tollway.Chain.Wallets;
using Tollway.Gateway.Wire;

namespace Tollway.Chain.Chains;

/// <summary>
/// Merges a chain's config with its preset and checks every value, reporting each problem with its config key. The
/// validator runs it at start to report; the registry runs it again to build (by then it finds nothing).
/// </summary>
public static class ChainSettingsResolver
{
    /// <summary>The most decimals a token may have (uint256 holds 77 digits; no real stablecoin has more than 18).</summary>
    public const int MaxDecimals = 36;

    /// <summary>The most blocks one log query may span.</summary>
    public const int MaxBlockRangeLimit = 100_000;

    /// <summary>The settings, or <see langword="null"/> when <paramref name="errors"/> received a problem.</summary>
    public static ChainSettings? Resolve(string name, ChainOptions options, List<string> errors)
    {
        var path = $"Chains:{name}";
        var before = errors.Count;
        var presetName = string.IsNullOrWhiteSpace(options.Preset) ? name : options.Preset;
        var preset = ChainPresets.Find(presetName);
        if (preset is null && !string.Equals(presetName, ChainPresets.Custom, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{path}:Preset: unknown chain preset '{presetName}' (known: {string.Join(", ", ChainPresets.Names)})");
            return null;
        }

        var chainId = ResolveChainId(path, options, preset, errors);
        var rpcUrls = ResolveRpcUrls(path, options, preset, errors);
        var confirmationText = options.Confirmations ?? preset?.Confirmations;
        if (!ChainConfirmation.TryParse(confirmationText, out var confirmation))
        {
            errors.Add(confirmationText is null
                ? $"{path}:Confirmations: required for a custom chain (a block depth such as \"12\", or \"finalized\")"
                : $"{path}:Confirmations: '{confirmationText}' is neither a positive block depth nor \"finalized\"");
        }

        WalletAddress? treasury = null;
        if (options.Treasury is not null)
        {
            if (!EthereumAddresses.TryParseChecked(options.Treasury, out var parsed) || parsed.Value == ZeroAddress)
            {
                errors.Add($"{path}:Treasury: '{options.Treasury}' is not a valid non-zero address (0x and 40 hex digits, EIP-55 checksum if mixed case)");
            }
            else
            {
                treasury = parsed;
            }
        }

        if (options.StartBlock is < 0)
        {
            errors.Add($"{path}:StartBlock: must not be negative");
        }

        if (options.MaxBlockRange is <= 0 or > MaxBlockRangeLimit)
        {
            errors.Add($"{path}:MaxBlockRange: must be between 1 and {MaxBlockRangeLimit}");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{path}:PollInterval: must be positive");
        }

        var tokens = ResolveTokens(path, options, preset, errors);
        var minDeposit = Amount($"{path}:MinDepositUsd", options.MinDepositUsd, "a USD amount", allowZero: true, errors);
        var gasPrice = Amount($"{path}:GasPriceGwei", options.GasPriceGwei ?? preset?.GasPriceGwei ?? ChainPresets.CustomGasPriceGwei, "a gas price in gwei", allowZero: false, errors);
        var gasToken = Amount($"{path}:GasTokenUsd", options.GasTokenUsd ?? preset?.GasTokenUsd ?? ChainPresets.EtherUsd, "a USD price", allowZero: false, errors);
        return errors.Count > before
            ? null
            : new ChainSettings(name, chainId, rpcUrls, confirmation, treasury, options.StartBlock, tokens, options.MaxBlockRange, options.PollInterval,
                minDeposit, gasPrice, gasToken);
    }

    /// <summary>A non-negative decimal with at most nine decimals, in billionths: nano-USD for dollars, wei for gwei.</summary>
    private static long Amount(string path, string? text, string what, bool allowZero, List<string> errors)
    {
        if (UsdAmount.TryParseNanos(text ?? "", out var value) && (allowZero || value > 0))
        {
            return value;
        }

        errors.Add($"{path}: '{text}' is not {what} with at most nine decimals{(allowZero ? "" : ", above zero")}");
        return 0;
    }

    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    private static long ResolveChainId(string path, ChainOptions options, ChainPreset? preset, List<string> errors)
    {
        if (preset is null)
        {
            if (options.ChainId is not > 0)
            {
                errors.Add($"{path}:ChainId: a positive chain id is required for a custom chain");
            }

            return options.ChainId ?? 0;
        }

        if (options.ChainId is { } id && id != preset.ChainId)
        {
            errors.Add($"{path}:ChainId: {id} does not match the '{preset.Name}' preset's chain id {preset.ChainId}");
        }

        return preset.ChainId;
    }

    private static List<Uri> ResolveRpcUrls(string path, ChainOptions options, ChainPreset? preset, List<string> errors)
    {
        var texts = options.RpcUrls.Count > 0 ? options.RpcUrls : (IReadOnlyList<string>?)preset?.RpcUrls ?? [];
        if (texts.Count == 0)
        {
            errors.Add($"{path}:RpcUrls: at least one JSON-RPC URL is required for a custom chain");
        }

        var urls = new List<Uri>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (Uri.TryCreate(texts[i], UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                urls.Add(uri);
            }
            else
            {
                // The URL may carry a provider's key in its path: name the position, not the text.
                errors.Add($"{path}:RpcUrls:{i}: not an absolute http or https URL");
            }
        }

        return urls;
    }

    private static List<ChainToken> ResolveTokens(string path, ChainOptions options, ChainPreset? preset, List<string> errors)
    {
        var tokens = new List<ChainToken>();
        var symbols = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var presetToken in preset?.Tokens ?? [])
        {
            symbols.Add(presetToken.Symbol);
            options.Tokens.TryGetValue(presetToken.Symbol, out var overrides);
            if (overrides is { Enabled: false })
            {
                continue;
            }

            AddToken(path, presetToken.Symbol, overrides, presetToken, tokens, errors);
        }

        foreach (var (symbol, token) in options.Tokens)
        {
            if (!symbols.Contains(symbol) && token.Enabled)
            {
                AddToken(path, symbol, token, null, tokens, errors);
            }
        }

        if (tokens.Count == 0)
        {
            errors.Add($"{path}:Tokens: at least one token is required");
        }

        foreach (var duplicate in tokens.GroupBy(t => t.Address).Where(g => g.Count() > 1))
        {
            errors.Add($"{path}:Tokens: {string.Join(" and ", duplicate.Select(t => t.Symbol))} name the same contract {duplicate.Key}");
        }

        return tokens;
    }

    private static void AddToken(string chainPath, string symbol, ChainTokenOptions? options, TokenPreset? preset, List<ChainToken> tokens, List<string> errors)
    {
        var path = $"{chainPath}:Tokens:{symbol}";
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(symbol) || symbol.Any(char.IsWhiteSpace))
        {
            errors.Add($"{path}: a token symbol must be non-empty and contain no spaces");
        }

        var addressText = options?.Address ?? preset?.Address;
        if (addressText is null)
        {
            errors.Add($"{path}:Address: required");
        }
        else if (!EthereumAddresses.TryParseChecked(addressText, out _) || addressText.Equals(ZeroAddress, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{path}:Address: '{addressText}' is not a valid non-zero address (0x and 40 hex digits, EIP-55 checksum if mixed case)");
        }

        var decimals = options?.Decimals ?? preset?.Decimals;
        if (decimals is not (>= 0 and <= MaxDecimals))
        {
            errors.Add($"{path}:Decimals: {(decimals is null ? "required" : $"{decimals} is not between 0 and {MaxDecimals}")}");
        }

        var eip712Name = options?.Eip712Name ?? preset?.Eip712Name;
        var eip712Version = options?.Eip712Version ?? preset?.Eip712Version;
        if (string.IsNullOrEmpty(eip712Name) != string.IsNullOrEmpty(eip712Version))
        {
            errors.Add($"{path}:Eip712Name: Eip712Name and Eip712Version are given together or not at all");
        }

        if (errors.Count == before)
        {
            tokens.Add(new ChainToken(
                symbol, WalletAddress.Parse(addressText!).Value, decimals!.Value,
                string.IsNullOrEmpty(eip712Name) ? null : eip712Name, string.IsNullOrEmpty(eip712Version) ? null : eip712Version));
        }
    }
}
