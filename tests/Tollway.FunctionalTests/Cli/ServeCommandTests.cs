using System.Net;
using System.Text.RegularExpressions;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Cli;

/// <summary><c>tollway serve</c> as a process: embedded SQLite, first-start admin key, graceful stop, restart.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tollway-serve-").FullName;

    [Fact]
    public async Task Serve_FirstStartPrintsTheAdminKeyOnce_ItStillWorksAfterARestart()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = TollwayProcess.FreePort();
        var config = Path.Combine(_directory, "tollway.json");
        await File.WriteAllTextAsync(config, $$"""{ "server": { "urls": "http://127.0.0.1:{{port}}" } }""", ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        string adminKey;
        await using (var first = TollwayProcess.Start(_directory, "serve", "--config", config))
        {
            await WaitReadyAsync(http, first, ct);
            adminKey = AdminKey().Match(first.Output).Value;
            Assert.NotEmpty(adminKey);
            Assert.DoesNotContain(adminKey, first.Error, StringComparison.Ordinal);
            await first.StopAsync();
            Assert.Equal(0, first.ExitCode);
        }

        Assert.True(File.Exists(Path.Combine(_directory, "tollway.db")));
        await using var second = TollwayProcess.Start(_directory, "serve", "--config", config);
        await WaitReadyAsync(http, second, ct);
        Assert.DoesNotMatch(AdminKey(), second.Output);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/accounts");
        request.Headers.Authorization = new("Bearer", adminKey);
        using var response = await http.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await second.StopAsync();
    }

    [Fact]
    public async Task Serve_InvalidConfig_ExitsWithEveryErrorBeforeListening()
    {
        var config = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(config, """{ "providers": { "groq": { } }, "modles": { } }""", TestContext.Current.CancellationToken);

        await using var serve = TollwayProcess.Start(_directory, "serve", "--config", config);
        await serve.WaitForExitAsync();

        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("modles: unknown key", serve.Error, StringComparison.Ordinal);
        Assert.Contains("GROQ_API_KEY", serve.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "tollway.db")));
    }

    [Fact]
    public async Task Serve_OpenFileLimitTooLowForTheConfiguredLimits_WarnsHowToRaiseIt()
    {
        var output = await ServeUnderOpenFileLimitAsync(512, """ "maxConcurrentRequests": 1000 """);

        Assert.Contains("Serving at most 1000 model requests at once over at most 2000 connections (open-file limit: 512)", output, StringComparison.Ordinal);
        Assert.Contains("The open-file limit is 512, but 2000 connections and 1000 requests in flight", output, StringComparison.Ordinal);
        Assert.Contains("need about 3512 descriptors", output, StringComparison.Ordinal);
        Assert.Contains("ulimit -n", output, StringComparison.Ordinal);
        Assert.Contains("LimitNOFILE", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_NoLimitsConfigured_DerivesLimitsThatFitTheOpenFileLimit()
    {
        var output = await ServeUnderOpenFileLimitAsync(1024, "");

        // (1024 - 512 reserved) / 3 = 170 requests, and twice that in connections: 1,022 descriptors in all.
        Assert.Contains("Serving at most 170 model requests at once over at most 340 connections (open-file limit: 1024)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ulimit -n", output, StringComparison.Ordinal);
    }

    /// <summary>Starts <c>tollway serve</c> under <c>ulimit -n <paramref name="openFiles"/></c> with
    /// <paramref name="serverSettings"/> in its <c>server</c> section; returns its output once it is ready.</summary>
    private async Task<string> ServeUnderOpenFileLimitAsync(int openFiles, string serverSettings)
    {
        var ct = TestContext.Current.CancellationToken;
        var port = TollwayProcess.FreePort();
        var config = Path.Combine(_directory, "tollway.json");
        var extra = serverSettings.Length == 0 ? "" : "," + serverSettings;
        await File.WriteAllTextAsync(config, $$"""{ "server": { "urls": "http://127.0.0.1:{{port}}"{{extra}} } }""", ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await using var serve = TollwayProcess.StartWithOpenFileLimit(_directory, openFiles, "serve", "--config", config);
        await WaitReadyAsync(http, serve, ct);
        await serve.StopAsync();
        return serve.Output;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task WaitReadyAsync(HttpClient http, TollwayProcess process, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/readyz", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, ct);
        }

        Assert.Fail($"tollway serve did not become ready.\nstdout:\n{process.Output}\nstderr:\n{process.Error}");
    }

    [GeneratedRegex("tw-[0-9A-Za-z]{40}")]
    private static partial Regex AdminKey();
}
