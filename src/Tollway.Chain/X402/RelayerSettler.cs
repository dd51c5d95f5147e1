using System.Collections.Concurrent;
using System.Numerics;
using Microsoft.Extensions.Options;
using Nethereum.Signer;
using Tollway.Chain.Chains;
using Tollway.Chain.Diagnostics;
using Tollway.Chain.Rpc;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Chain.X402;

/// <summary>
/// Settles x402 payments with the gateway's own relayer key: reads <c>authorizationState</c> and <c>balanceOf</c>
/// before anything is claimed, then sends <c>transferWithAuthorization</c> (the relayer pays the gas), one transaction
/// at a time per chain so that nonces never collide, and waits for its receipt and the chain's confirmation depth.
/// A transaction that reverts, or is not final in time, is a failed settlement; a reverted one moved nothing.
/// </summary>
internal sealed class RelayerSettler(
    ChainRegistry chains,
    IEthereumRpcFactory rpcs,
    IEnvironmentVariables environment,
    IOptions<X402Options> options,
    TimeProvider timeProvider,
    ILogger<RelayerSettler> logger) : IX402Settler
{
    private static readonly TimeSpan ReceiptPoll = TimeSpan.FromMilliseconds(100);

    private readonly EthECKey _key = ChainX402Offers.ParseKey(environment.Read(options.Value.RelayerKeyEnv))
        ?? throw new InvalidOperationException($"The relayer key variable {options.Value.RelayerKeyEnv} is not set.");

    private readonly TimeSpan _timeout = options.Value.SettlementTimeout;
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _sendLocks = new();
    private readonly ConcurrentDictionary<long, BigInteger> _nextNonces = new();

    /// <summary>The relayer's address (lower case).</summary>
    public string Address => _key.GetPublicAddress().ToLowerInvariant();

    public async Task<(X402Failure Failure, string Detail)?> CheckAsync(X402PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        var rpc = Rpc(attempt.Offer);
        var authorization = attempt.Authorization;
        var used = await rpc.CallAsync(attempt.Offer.Asset, Eip3009Abi.AuthorizationState(authorization.From, authorization.Nonce), BlockTag.Latest, cancellationToken);
        if (!HexNumbers.ToBigInteger(used).IsZero)
        {
            return (X402Failure.NonceUsed, "the authorization's nonce is already used (or canceled) on chain");
        }

        var balance = HexNumbers.ToBigInteger(await rpc.CallAsync(attempt.Offer.Asset, Eip3009Abi.BalanceOf(authorization.From), BlockTag.Latest, cancellationToken));
        return balance < authorization.Value
            ? (X402Failure.InsufficientFunds, $"the payer holds {balance} units of {attempt.Offer.TokenSymbol}, less than {authorization.Value}")
            : null;
    }

    public async Task<X402Settlement> SettleAsync(X402PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        var offer = attempt.Offer;
        var rpc = Rpc(offer);
        string hash;
        try
        {
            hash = await SendAsync(rpc, offer, Eip3009Abi.TransferWithAuthorization(attempt.Authorization), deadline.Token);
        }
        catch (RpcErrorException ex)
        {
            // eth_estimateGas refused it: the transfer would revert (nonce used meanwhile, balance gone, bad signature).
            return X402Settlement.Failed(X402Failure.SettlementFailed, $"the transfer would revert: {ex.RpcMessage}");
        }
        catch (Exception ex) when (ex is RpcUnavailableException or OperationCanceledException)
        {
            return X402Settlement.Failed(X402Failure.SettlementFailed, "the chain could not be reached to send the transfer");
        }

        try
        {
            var (block, succeeded) = await WaitForReceiptAsync(rpc, hash, deadline.Token);
            if (!succeeded)
            {
                return X402Settlement.Failed(X402Failure.SettlementFailed, $"the transfer {hash} reverted");
            }

            await WaitForConfirmationAsync(rpc, chains.Find(offer.ChainId)!.Confirmation, block, deadline.Token);
            return X402Settlement.Settled(hash);
        }
        catch (Exception ex) when (ex is RpcUnavailableException or OperationCanceledException)
        {
            Log.X402SettlementUnconfirmed(logger, hash, offer.ChainId);
            return X402Settlement.Unconfirmed(hash, $"the transfer {hash} was sent but not confirmed within {(int)_timeout.TotalSeconds} s");
        }
    }

    public async Task<X402Settlement> ConfirmAsync(X402PaymentAttempt attempt, string transactionHash, CancellationToken cancellationToken)
    {
        var rpc = Rpc(attempt.Offer);
        if (await rpc.GetTransactionReceiptAsync(transactionHash, cancellationToken) is not { } receipt)
        {
            return X402Settlement.Unconfirmed(transactionHash, $"the transfer {transactionHash} is not mined yet");
        }

        var (block, succeeded) = RelayerRpc.ReadReceipt(receipt);
        if (!succeeded)
        {
            return X402Settlement.Failed(X402Failure.SettlementFailed, $"the transfer {transactionHash} reverted");
        }

        return await IsFinalAsync(rpc, chains.Find(attempt.Offer.ChainId)!.Confirmation, block, cancellationToken)
            ? X402Settlement.Settled(transactionHash)
            : X402Settlement.Unconfirmed(transactionHash, $"the transfer {transactionHash} is not confirmed yet");
    }

    /// <summary>Signs and sends one transaction, holding the chain's send lock so that each gets the next nonce.</summary>
    private async Task<string> SendAsync(IEthereumRpc rpc, X402Offer offer, string data, CancellationToken cancellationToken)
    {
        var gate = _sendLocks.GetOrAdd(offer.ChainId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var gas = await rpc.EstimateGasAsync(Address, offer.Asset, data, cancellationToken);
            var gasPrice = await rpc.GetGasPriceAsync(cancellationToken);
            var pending = await rpc.GetPendingNonceAsync(Address, cancellationToken);
            var nonce = BigInteger.Max(pending, _nextNonces.GetValueOrDefault(offer.ChainId));
            var signed = new LegacyTransactionSigner().SignTransaction(
                _key.GetPrivateKey(), offer.ChainId, offer.Asset, BigInteger.Zero, nonce, SettlementGas.Bid(gasPrice), gas + (gas / 5), data);
            try
            {
                var hash = await rpc.SendRawTransactionAsync(signed.StartsWith("0x", StringComparison.Ordinal) ? signed : "0x" + signed, cancellationToken);
                _nextNonces[offer.ChainId] = nonce + 1;
                return hash;
            }
            catch (RpcErrorException)
            {
                // The node's nonce view wins next time (a transaction sent elsewhere, or one dropped).
                _nextNonces.TryRemove(offer.ChainId, out _);
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(long Block, bool Succeeded)> WaitForReceiptAsync(IEthereumRpc rpc, string hash, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await rpc.GetTransactionReceiptAsync(hash, cancellationToken) is { } receipt)
            {
                return RelayerRpc.ReadReceipt(receipt);
            }

            await Task.Delay(ReceiptPoll, timeProvider, cancellationToken);
        }
    }

    private async Task WaitForConfirmationAsync(IEthereumRpc rpc, ChainConfirmation confirmation, long block, CancellationToken cancellationToken)
    {
        while (!await IsFinalAsync(rpc, confirmation, block, cancellationToken))
        {
            await Task.Delay(ReceiptPoll, timeProvider, cancellationToken);
        }
    }

    private static async Task<bool> IsFinalAsync(IEthereumRpc rpc, ChainConfirmation confirmation, long block, CancellationToken cancellationToken) =>
        confirmation.Finalized
            ? (await rpc.GetBlockAsync(BlockTag.Finalized, cancellationToken))?.Number >= block
            : await rpc.GetBlockNumberAsync(cancellationToken) - block + 1 >= confirmation.Depth;

    private IEthereumRpc Rpc(X402Offer offer) => rpcs.ForChain(chains.Find(offer.ChainId)!);
}
