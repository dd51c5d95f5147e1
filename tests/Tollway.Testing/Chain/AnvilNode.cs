using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tollway.Testing.Chain;

/// <summary>
/// A real local EVM chain for one test class: anvil on a free 127.0.0.1 port, automining (every transaction is its
/// own block), with every address impersonable (<c>--auto-impersonate</c>) so tests send transactions from any wallet
/// without keys. It dies with the test process even when that process is killed: anvil runs under a shell that
/// kills it when its stdin (a pipe from this process) closes.
/// </summary>
public sealed class AnvilNode : IAsyncDisposable
{
    /// <summary>anvil's first dev account (10,000 ETH), which deploys contracts.</summary>
    public const string Deployer = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private long _id;

    private AnvilNode(Process process, Uri url, long chainId)
    {
        _process = process;
        Url = url;
        ChainId = chainId;
    }

    /// <summary>The JSON-RPC URL.</summary>
    public Uri Url { get; }

    /// <summary>The chain id anvil was started with.</summary>
    public long ChainId { get; }

    /// <summary>Starts anvil and waits until it answers.</summary>
    /// <param name="chainId">The chain id to run with.</param>
    /// <param name="slotsInAnEpoch">anvil marks the block <c>2 × slots</c> below the head finalized.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<AnvilNode> StartAsync(long chainId = 31337, int slotsInAnEpoch = 32, CancellationToken cancellationToken = default)
    {
        var binary = AnvilBinary.Locate();
        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreePort();
            var process = Launch(binary, port, chainId, slotsInAnEpoch);
            var node = new AnvilNode(process, new Uri($"http://127.0.0.1:{port}/"), chainId);
            try
            {
                await node.WaitUntilReadyAsync(cancellationToken);
                return node;
            }
            catch (Exception error) when (error is InvalidOperationException or TimeoutException)
            {
                // Most likely another process took the port between our probe and anvil's bind: try another.
                last = error;
                await node.DisposeAsync();
            }
        }

        throw new InvalidOperationException("anvil did not start.", last);
    }

    /// <summary>A raw JSON-RPC call; throws on a JSON-RPC error.</summary>
    public async Task<JsonElement> RpcAsync(string method, params JsonNode?[] parameters)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
            ["params"] = new JsonArray(parameters),
        };
        using var response = await _http.PostAsync(Url, JsonContent.Create(request));
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method}: {error}");
        }

        return document.RootElement.GetProperty("result").Clone();
    }

    /// <summary>The head's number.</summary>
    public async Task<long> BlockNumberAsync() => Hex.ToInt64((await RpcAsync("eth_blockNumber")).GetString()!);

    /// <summary>Mines empty blocks (<c>anvil_mine</c>).</summary>
    public Task MineAsync(int blocks = 1) => RpcAsync("anvil_mine", Hex.Quantity(blocks));

    /// <summary>Saves the chain's state (<c>evm_snapshot</c>); returns the id to revert to.</summary>
    public async Task<string> SnapshotAsync() => (await RpcAsync("evm_snapshot")).GetString()!;

    /// <summary>Goes back to a snapshot (<c>evm_revert</c>); a snapshot can be reverted to once.</summary>
    public async Task<bool> RevertAsync(string snapshot) => (await RpcAsync("evm_revert", snapshot)).GetBoolean();

    /// <summary>
    /// Replaces the newest <paramref name="depth"/> blocks with as many new empty ones (<c>anvil_reorg</c>): the head's
    /// number stays, its hash and those of the blocks below it change, and their transactions are gone.
    /// </summary>
    public Task ReorgAsync(int depth) => RpcAsync("anvil_reorg", depth, new JsonArray());

    /// <summary>Sets a wallet's ETH balance (<c>anvil_setBalance</c>), for gas.</summary>
    public Task SetBalanceAsync(string address, BigInteger wei) => RpcAsync("anvil_setBalance", address, Hex.Quantity(wei));

    /// <summary>Sends a transaction from any address (impersonated, given gas money first); returns its receipt once mined.</summary>
    public async Task<TransactionReceipt> SendAsync(string from, string? to, string data)
    {
        await SetBalanceAsync(from, BigInteger.Pow(10, 20));
        var transaction = new JsonObject { ["from"] = from, ["data"] = data, ["gas"] = "0x4c4b40" };
        if (to is not null)
        {
            transaction["to"] = to;
        }

        var hash = (await RpcAsync("eth_sendTransaction", transaction)).GetString()!;
        // Automining answers before the block is stored: poll briefly for the receipt.
        var receipt = (await Eventually.ValueAsync(
            async () => await RpcAsync("eth_getTransactionReceipt", hash) is { ValueKind: JsonValueKind.Object } found ? new StrongBox<JsonElement>(found) : null,
            $"Transaction {hash} being mined (is automining off?)",
            TimeSpan.FromSeconds(5))).Value;

        var status = receipt.GetProperty("status").GetString();
        if (status != "0x1")
        {
            throw new InvalidOperationException($"Transaction {hash} reverted.");
        }

        return new TransactionReceipt(
            hash.ToLowerInvariant(),
            Hex.ToInt64(receipt.GetProperty("blockNumber").GetString()!),
            receipt.GetProperty("blockHash").GetString()!.ToLowerInvariant(),
            receipt.TryGetProperty("contractAddress", out var created) && created.ValueKind == JsonValueKind.String ? created.GetString()!.ToLowerInvariant() : null);
    }

    /// <summary>Deploys the test stablecoin (6 decimals, EIP-3009) with the given EIP-712 name and version.</summary>
    public async Task<TestToken> DeployTokenAsync(string name = "Test USD", string symbol = "TUSD", string version = "2")
    {
        var receipt = await SendAsync(Deployer, null, "0x" + TestToken.Bytecode + Abi.EncodeStrings(name, symbol, version));
        return new TestToken(this, receipt.ContractAddress!, name, symbol, version);
    }

    /// <summary>Deploys a contract wallet (EIP-1271) that accepts its owner's signatures; returns its address, lower case.</summary>
    public async Task<string> DeploySmartWalletAsync(string owner)
    {
        var bytecode = ContractResources.Read("TestSmartWallet.bin").Trim();
        var receipt = await SendAsync(Deployer, null, "0x" + bytecode + Abi.Address(owner));
        return receipt.ContractAddress!;
    }

    /// <summary>Stops anvil.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            // Closing stdin tells the wrapper shell to kill anvil; the kill below is for a shell that is stuck.
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception error) when (error is OperationCanceledException or InvalidOperationException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static Process Launch(string binary, int port, long chainId, int slotsInAnEpoch)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // anvil in the background; the shell waits on its stdin and kills anvil when it closes (the test process
        // ended, by dispose or by being killed), so no anvil outlives its tests.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("\"$0\" \"$@\" </dev/null >/dev/null 2>&1 & child=$!; read -r _; kill $child 2>/dev/null; wait $child");
        info.ArgumentList.Add(binary);
        foreach (var argument in new[]
        {
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--chain-id", chainId.ToString(CultureInfo.InvariantCulture), "--auto-impersonate", "--quiet",
            "--slots-in-an-epoch", slotsInAnEpoch.ToString(CultureInfo.InvariantCulture), "--accounts", "2",
        })
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"anvil exited with code {_process.ExitCode}.");
            }

            try
            {
                if (Hex.ToInt64((await RpcAsync("eth_chainId")).GetString()!) == ChainId)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException("anvil did not answer within 30 seconds.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
