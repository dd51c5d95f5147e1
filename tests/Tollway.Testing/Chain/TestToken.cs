using System.Numerics;

namespace Tollway.Testing.Chain;

/// <summary>
/// The test stablecoin deployed on an <see cref="AnvilNode"/>: an ERC-20 with 6 decimals and EIP-3009, whose mint is
/// open to anyone. Amounts are base units (1 USD = 1,000,000).
/// </summary>
public sealed class TestToken(AnvilNode node, string address, string name, string symbol, string version)
{
    /// <summary>The compiled contract (creation code, hex without 0x), from the committed build output.</summary>
    public static string Bytecode { get; } = ContractResources.Read("TestStablecoin.bin").Trim();

    /// <summary>The contract's ABI as JSON.</summary>
    public static string AbiJson { get; } = ContractResources.Read("TestStablecoin.abi.json");

    /// <summary>The token's decimals.</summary>
    public const int Decimals = 6;

    /// <summary>The contract, lower case.</summary>
    public string Address { get; } = address;

    /// <summary>The EIP-712 domain name.</summary>
    public string Name { get; } = name;

    /// <summary>The ERC-20 symbol.</summary>
    public string Symbol { get; } = symbol;

    /// <summary>The EIP-712 domain version.</summary>
    public string Version { get; } = version;

    /// <summary>The node it lives on.</summary>
    public AnvilNode Node { get; } = node;

    /// <summary>Creates tokens for a wallet.</summary>
    public Task<TransactionReceipt> MintAsync(string to, BigInteger amount) =>
        Node.SendAsync(AnvilNode.Deployer, Address, Abi.Call("mint(address,uint256)", Abi.Address(to), Abi.Word(amount)));

    /// <summary>A plain ERC-20 transfer from a wallet (which must hold the tokens).</summary>
    public Task<TransactionReceipt> TransferAsync(string from, string to, BigInteger amount) =>
        Node.SendAsync(from, Address, Abi.Call("transfer(address,uint256)", Abi.Address(to), Abi.Word(amount)));

    /// <summary>Several transfers in one transaction: one Transfer log each, in order.</summary>
    public Task<TransactionReceipt> TransferManyAsync(string from, IReadOnlyList<(string To, BigInteger Amount)> transfers) =>
        Node.SendAsync(from, Address, Abi.CallWithArrays(
            "transferMany(address[],uint256[])",
            [.. transfers.Select(t => Abi.Address(t.To))],
            [.. transfers.Select(t => Abi.Word(t.Amount))]));

    /// <summary>Mints to a wallet, then transfers from it: a deposit from <paramref name="from"/> in one call.</summary>
    public async Task<TransactionReceipt> MintAndTransferAsync(string from, string to, BigInteger amount)
    {
        await MintAsync(from, amount);
        return await TransferAsync(from, to, amount);
    }

    /// <summary>A wallet's balance.</summary>
    public async Task<BigInteger> BalanceOfAsync(string owner)
    {
        var result = await Node.RpcAsync("eth_call", new System.Text.Json.Nodes.JsonObject
        {
            ["to"] = Address,
            ["data"] = Abi.Call("balanceOf(address)", Abi.Address(owner)),
        }, "latest");
        return Hex.ToBigInteger(result.GetString()!);
    }
}
