using Microsoft.Extensions.Options;
using Tollway.Chain.Chains;
using Tollway.Chain.Deposits;
using Tollway.Chain.Diagnostics;
using Tollway.Chain.Wallets;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Chain.SignIn;

/// <summary>
/// Sign-In with Ethereum, end to end: the message parsed exactly, checked against this gateway (domain, URI, chain,
/// version, nonce, times with bounded clock skew), its signature verified (EIP-191, or EIP-1271 for a contract
/// wallet); then the nonce is used up, the wallet's account found or created, its unclaimed deposits claimed, and a
/// session issued. A refusal creates nothing and leaves the nonce usable, so a mistyped attempt does not burn it.
/// </summary>
public sealed class SignInService(
    IOptions<SignInOptions> options,
    ChainRegistry chains,
    SiweNonces nonces,
    SignatureCheck signatures,
    IWalletStore wallets,
    DepositCrediting crediting,
    SessionTokens sessions,
    TimeProvider timeProvider,
    ILogger<SignInService> logger)
{
    /// <summary>Verifies a signed message against the configured domain and origin (never the request's).</summary>
    public async Task<SignInResult> VerifyAsync(string? message, string? signature, CancellationToken cancellationToken)
    {
        if (!SiweMessageParser.TryParse(message, out var siwe, out var error))
        {
            return SignInResult.Refused(SignInFailure.Malformed, "The message is not an EIP-4361 message: " + error + ".");
        }

        if (string.IsNullOrEmpty(signature))
        {
            return SignInResult.Refused(SignInFailure.BadSignature, "'signature' is required.");
        }

        if (Check(siwe!) is { } refusal)
        {
            return refusal;
        }

        var wallet = WalletAddress.Parse(siwe!.Address);
        if (!await signatures.IsValidAsync(wallet, message!, signature, siwe.ChainId, cancellationToken))
        {
            return SignInResult.Refused(SignInFailure.BadSignature, "The signature was not made by the message's address.");
        }

        if (!await nonces.TryUseAsync(siwe.Nonce, cancellationToken))
        {
            return SignInResult.Refused(SignInFailure.BadNonce, "The nonce was already used.");
        }

        var display = EthereumAddresses.ToChecksum(wallet);
        var ownership = await wallets.GetOrCreateAccountAsync(
            wallet, new Account(RandomIds.New(Account.IdPrefix), "wallet " + display, timeProvider.GetUtcNow()), cancellationToken);
        var claimed = await crediting.ClaimAsync(wallet, ownership.AccountId, cancellationToken);
        var (token, expiresAt) = sessions.Issue(ownership.AccountId, wallet);
        Log.SignedIn(logger, display, ownership.AccountId, ownership.Created, claimed);
        return new SignInResult(null, null, wallet, ownership.AccountId, ownership.Created, token, expiresAt, claimed);
    }

    private SignInResult? Check(SiweMessage siwe)
    {
        var signIn = options.Value;
        if (siwe.Version != "1")
        {
            return SignInResult.Refused(SignInFailure.WrongVersion, $"Version '{siwe.Version}' is not supported (only 1).");
        }

        // Both are required at start whenever a chain is; without a chain no sign-in can succeed anyway.
        if (signIn.Domain is not { Length: > 0 } domain || signIn.Uri is not { Length: > 0 } configured)
        {
            return SignInResult.Refused(SignInFailure.WrongDomain, "This gateway has no sign-in domain and URI configured.");
        }

        if (!string.Equals(siwe.Domain, domain, StringComparison.OrdinalIgnoreCase))
        {
            return SignInResult.Refused(SignInFailure.WrongDomain, $"The message is for '{siwe.Domain}', not this gateway ({domain}).");
        }

        var origin = new Uri(configured);
        if (!Uri.TryCreate(siwe.Uri, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Authority, origin.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return SignInResult.Refused(SignInFailure.WrongUri, $"The message's URI is not under {origin.GetLeftPart(UriPartial.Authority)}.");
        }

        if (chains.Find(siwe.ChainId) is null)
        {
            return SignInResult.Refused(SignInFailure.WrongChain, $"Chain {siwe.ChainId} is not served here.");
        }

        if (!nonces.IsAuthentic(siwe.Nonce))
        {
            return SignInResult.Refused(SignInFailure.BadNonce, "The nonce was not issued by this gateway, or expired; ask for a new one.");
        }

        var now = timeProvider.GetUtcNow();
        var skew = signIn.ClockSkew;
        if (siwe.ExpirationTime is { } expiration && expiration <= now - skew)
        {
            return SignInResult.Refused(SignInFailure.Expired, "The message expired.");
        }

        if (siwe.NotBefore is { } notBefore && notBefore > now + skew)
        {
            return SignInResult.Refused(SignInFailure.NotYetValid, "The message is not valid yet (not before).");
        }

        if (siwe.IssuedAt > now + skew)
        {
            return SignInResult.Refused(SignInFailure.NotYetValid, "The message was issued in the future.");
        }

        return null;
    }
}
