using System.Net.Http.Json;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing;
using Tollway.Testing.PriceFiles;

namespace Tollway.FunctionalTests.Cli;

/// <summary><c>tollway models list|import</c> as its own process, on the database of a running gateway.</summary>
public sealed class ModelsCommandsTests(CatalogFixture gateway) : IClassFixture<CatalogFixture>
{
    [Fact]
    public async Task ModelsList_ProviderFilter_ShowsThatProvidersModelsWithPricesLimitsAndDates()
    {
        await using var list = await TollwayProcess.RunAsync(gateway.Directory, "models", "list", "--provider", "router", "--config", gateway.WriteCliConfig());

        Assert.Equal(0, list.ExitCode);
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("MODEL", lines[0], StringComparison.Ordinal);
        var row = lines.Single(l => l.StartsWith("openai/gpt-4.1-mini ", StringComparison.Ordinal));
        Assert.Equal(["openai/gpt-4.1-mini", "router", "$0.4", "$0.1", "$1.6", "1,047,576", "32,768", "2026-08-21"],
            row.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(lines, l => l.StartsWith("gpt-4.1 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ModelsList_Shipped_ListsTheWholeCatalogWithoutAConfig()
    {
        await using var list = await TollwayProcess.RunAsync(gateway.Directory, "models", "list", "--shipped");

        Assert.Equal(0, list.ExitCode);
        Assert.True(list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 150);
        Assert.Contains("claude-haiku-4-5", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsImport_OpenRouterFile_PrintsChangesAndSkipsReachesTheRunningGatewayAndIsIdempotent()
    {
        var config = gateway.WriteCliConfig();

        await using var dryRun = await TollwayProcess.RunAsync(gateway.Directory, "models", "import", SamplePriceFiles.OpenRouterPath, "--dry-run", "--config", config);
        await using var import = await TollwayProcess.RunAsync(gateway.Directory, "models", "import", SamplePriceFiles.OpenRouterPath, "--config", config);
        await using var again = await TollwayProcess.RunAsync(gateway.Directory, "models", "import", SamplePriceFiles.OpenRouterPath, "--config", config);

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("Dry run: nothing was written.", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains(
            "changed  openai/gpt-4o-mini (router): input $0.15 → $0.2, output $0.6 → $0.8, cached input $0.075 → $0.1  [openai/gpt-4o-mini]",
            import.Output, StringComparison.Ordinal);
        Assert.Contains("skipped  mistralai/mistral-nova-2611: no endpoint in the catalog serves openrouter model 'mistralai/mistral-nova-2611'", import.Output, StringComparison.Ordinal);
        Assert.Contains("skipped  anthropic/claude-sonnet-4: pricing.prompt '3 dollars' is not a decimal number", import.Output, StringComparison.Ordinal);
        Assert.Contains("1 changed, 1 unchanged, 4 skipped.", import.Output, StringComparison.Ordinal);
        Assert.Contains("Prices written (pricing version", import.Output, StringComparison.Ordinal);
        Assert.Contains("0 changed, 2 unchanged, 4 skipped.", again.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing to write.", again.Output, StringComparison.Ordinal);
        await WaitForPromptPriceAsync("openai/gpt-4o-mini", "0.0000002");
    }

    [Fact]
    public async Task ModelsImport_NotAPriceFile_ExitsWithAMessage()
    {
        var path = Path.Combine(gateway.Directory, "not-prices.json");
        await File.WriteAllTextAsync(path, """{"hello":"world"}""", TestContext.Current.CancellationToken);

        await using var import = await TollwayProcess.RunAsync(gateway.Directory, "models", "import", path, "--config", gateway.WriteCliConfig());

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("is not a price file", import.Error, StringComparison.Ordinal);
    }

    /// <summary>The running gateway polls the pricing version every second; waits (at most ten seconds) for the change.</summary>
    private Task WaitForPromptPriceAsync(string model, string prompt) =>
        Eventually.TrueAsync(async () => await QuotedPromptPriceAsync(model) == prompt, $"the gateway quoting {model} at {prompt}",
            TestContext.Current.CancellationToken);

    private async Task<string?> QuotedPromptPriceAsync(string model)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseUrl, "/v1/models"));
        request.Headers.Authorization = new("Bearer", gateway.UserKey);
        using var response = await gateway.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("data");
        return data.EnumerateArray().Single(m => m.GetProperty("id").GetString() == model).GetProperty("pricing").GetProperty("prompt").GetString();
    }
}
