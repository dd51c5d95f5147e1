using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Tollway.Chain.Chains;
using Tollway.Chain.Deposits;
using Tollway.Chain.Rpc;
using Tollway.Gateway.Wire;

namespace Tollway.Cli;

/// <summary><c>tollway chain reconcile</c>: compare the treasury's transfers on chain with the credited deposits.</summary>
internal static class ChainCommands
{
    public static Command Create() => new("chain", "Chains and deposits.") { Reconcile() };

    private static Command Reconcile()
    {
        var config = CliOptions.Config();
        var chainName = new Option<string?>("--chain", "-c") { Description = "Only this chain (its name in the config); default: every chain with a treasury." };
        var from = new Option<long?>("--from") { Description = "The first block to compare (default: the chain's StartBlock, else 0)." };
        var command = new Command("reconcile",
            "Read the treasury's token transfers at depth from the chain and compare them with the credited deposits; exit 1 on any difference.")
        { chainName, from, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliServices.CreateAsync(parse.GetValue(config), cancellationToken, s =>
            {
                s.AddLogging();
                s.AddSingleton(RpcRetryPolicy.Default);
                s.AddSingleton<ChainRegistry>();
                s.AddSingleton<IEthereumRpcFactory, EthereumRpcFactory>();
                s.AddSingleton<DepositReconciler>();
            });
            ChainRegistry registry;
            try
            {
                registry = services.GetRequiredService<ChainRegistry>();
            }
            catch (OptionsValidationException error)
            {
                foreach (var failure in error.Failures)
                {
                    Console.Error.WriteLine(failure);
                }

                return 2;
            }

            var name = parse.GetValue(chainName);
            var chains = registry.All.Where(c => c.Treasury is not null && (name is null || string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))).ToList();
            if (chains.Count == 0)
            {
                Console.Error.WriteLine(name is null ? "No chain with a treasury is configured." : $"No chain '{name}' with a treasury is configured.");
                return 2;
            }

            var differences = 0;
            foreach (var chain in chains)
            {
                var result = await services.GetRequiredService<DepositReconciler>().ReconcileAsync(chain, parse.GetValue(from), cancellationToken);
                Print(chain, result);
                differences += result.Differences.Count;
            }

            Console.WriteLine(differences == 0 ? "On-chain transfers and credited deposits agree." : $"{differences} difference(s).");
            return differences == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>One chain's totals on a line, then its differences (if any) as a table.</summary>
    private static void Print(ChainSettings chain, DepositReconciliation result)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{chain.Name} (chain {chain.ChainId}), blocks {result.FromBlock}–{result.ToBlock}: {result.OnChain} transfer(s) on chain (${UsdAmount.FormatUsd(result.OnChainNanos)}), {result.Recorded} recorded (${UsdAmount.FormatUsd(result.RecordedNanos)})"));
        if (result.Differences.Count > 0)
        {
            TablePrinter.Print(
                ["KIND", "BLOCK", "TRANSACTION", "LOG", "DETAIL"],
                result.Differences.Select(d => new[]
                {
                    d.Kind, d.BlockNumber.ToString(CultureInfo.InvariantCulture), d.TransactionHash, d.LogIndex.ToString(CultureInfo.InvariantCulture), d.Detail,
                }));
        }
    }
}
