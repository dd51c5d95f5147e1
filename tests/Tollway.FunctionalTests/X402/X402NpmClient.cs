using System.Diagnostics;
using System.Text.Json;
using Tollway.Testing.Chain;

namespace Tollway.FunctionalTests.X402;

/// <summary>
/// Runs <c>Interop/pay.mjs</c>, which pays with the official x402 npm client. The packages are found through
/// <c>TWTEST_X402_CLIENT</c> (scripts/test.sh sets it) or installed by <c>scripts/x402-client.sh</c>.
/// </summary>
public static class X402NpmClient
{
    public const string Variable = "TWTEST_X402_CLIENT";

    private static readonly Lazy<string> Directory = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Pays for one request; returns the script's JSON result.</summary>
    public static async Task<JsonElement> PayAsync(Uri url, string privateKey, string network, string asset, string maxUnits, string body)
    {
        // ESM resolves packages from the script's own directory: run a copy that sits beside node_modules.
        var script = Path.Combine(Directory.Value, $"tollway-pay-{Guid.NewGuid():N}.mjs");
        File.Copy(AnvilBinary.RepositoryFile("tests/Tollway.FunctionalTests/X402/Interop/pay.mjs"), script);
        try
        {
            var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { script, url.ToString(), privateKey, network, asset, maxUnits, body })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"pay.mjs failed ({process.ExitCode}): {await errors}");
            return JsonDocument.Parse(await output).RootElement.Clone();
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return configured;
        }

        using var process = Process.Start(new ProcessStartInfo("bash", [AnvilBinary.RepositoryFile("scripts/x402-client.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"scripts/x402-client.sh failed: {errors}");
    }
}
