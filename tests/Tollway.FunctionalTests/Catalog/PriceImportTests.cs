using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.PriceFiles;

namespace Tollway.FunctionalTests.Catalog;

/// <summary><c>POST /admin/v1/models/import</c> over real HTTP: prices change at once, without a restart, exactly once.</summary>
public sealed class PriceImportTests(CatalogFixture gateway) : IClassFixture<CatalogFixture>
{
    [Fact]
    public async Task Import_LiteLlmFile_DryRunWritesNothingThenAppliesAtOnceAndAgainChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = await File.ReadAllBytesAsync(SamplePriceFiles.LiteLlmPath, ct);

        var dryRun = await ImportAsync(file, gateway.AdminKey, "?dry_run=true");
        Assert.Equal(HttpStatusCode.OK, dryRun.Status);
        Assert.Equal(("litellm", true, JsonValueKind.Null), (dryRun.Body.GetProperty("format").GetString(), dryRun.Body.GetProperty("dry_run").GetBoolean(), dryRun.Body.GetProperty("version").ValueKind));
        Assert.Equal(3, dryRun.Body.GetProperty("changed").GetArrayLength());
        Assert.Equal("0.0000025", PromptPrice(await ShippedCatalogTests.ModelsAsync(gateway), "gpt-4o"));

        var applied = await ImportAsync(file, gateway.AdminKey);
        Assert.Equal(HttpStatusCode.OK, applied.Status);
        Assert.True(applied.Body.GetProperty("version").GetInt64() > 0);
        var change = applied.Body.GetProperty("changed").EnumerateArray().Single(c => c.GetProperty("model").GetString() == "gpt-4o");
        Assert.Equal(("openai", "gpt-4o", "2.5", "2"), (change.GetProperty("provider").GetString(), change.GetProperty("source").GetString(),
            change.GetProperty("old").GetProperty("input").GetString(), change.GetProperty("new").GetProperty("input").GetString()));
        Assert.Equal(6, applied.Body.GetProperty("skipped").GetArrayLength());
        Assert.Contains(applied.Body.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("source").GetString() == "claude-sonnet-9-20270101");

        // This node's price book was reloaded by the import: the very next listing shows the new price and today's date.
        var models = await ShippedCatalogTests.ModelsAsync(gateway);
        Assert.Equal("0.000002", PromptPrice(models, "gpt-4o"));
        var gpt4o = models.Single(m => m.GetProperty("id").GetString() == "gpt-4o");
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            gpt4o.GetProperty("price_date").GetString());

        var again = await ImportAsync(file, gateway.AdminKey);
        Assert.Equal(0, again.Body.GetProperty("changed").GetArrayLength());
        Assert.Equal(4, again.Body.GetProperty("unchanged").GetInt32());
        Assert.Equal(JsonValueKind.Null, again.Body.GetProperty("version").ValueKind);
    }

    [Fact]
    public async Task Import_NotAPriceFile_Answers400AndAUserKey403()
    {
        var notAFile = await ImportAsync("""{"hello":"world"}"""u8.ToArray(), gateway.AdminKey);
        var userKey = await ImportAsync(await File.ReadAllBytesAsync(SamplePriceFiles.OpenRouterPath, TestContext.Current.CancellationToken), gateway.UserKey);

        Assert.Equal(HttpStatusCode.BadRequest, notAFile.Status);
        Assert.Contains("not a price file", notAFile.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, userKey.Status);
    }

    private static string? PromptPrice(List<JsonElement> models, string id) =>
        models.Single(m => m.GetProperty("id").GetString() == id).GetProperty("pricing").GetProperty("prompt").GetString();

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(byte[] file, string key, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUrl, "/admin/v1/models/import" + query))
        {
            Content = new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await gateway.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
