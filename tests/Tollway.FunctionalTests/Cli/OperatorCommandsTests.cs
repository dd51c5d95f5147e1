using System.Net;
using System.Text.RegularExpressions;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Cli;

/// <summary>The operator's command line, run as its own process against the database of a running gateway.</summary>
public sealed partial class OperatorCommandsTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task AccountsAndKeys_CreateListRevoke_TakeEffectOnTheRunningGateway()
    {
        var ct = TestContext.Current.CancellationToken;
        var config = WriteConfig();

        await using var account = await TollwayProcess.RunAsync(gateway.Directory, "accounts", "create", "cli-customer", "--config", config);
        Assert.Equal(0, account.ExitCode);
        var accountId = AccountId().Match(account.Output).Value;
        Assert.NotEmpty(accountId);

        await using var listAccounts = await TollwayProcess.RunAsync(gateway.Directory, "accounts", "list", "--config", config);
        Assert.Contains(accountId, listAccounts.Output, StringComparison.Ordinal);
        Assert.Contains("cli-customer", listAccounts.Output, StringComparison.Ordinal);

        await using var create = await TollwayProcess.RunAsync(gateway.Directory, "keys", "create", "--account", accountId, "--name", "laptop", "--config", config);
        Assert.Equal(0, create.ExitCode);
        var key = PlaintextKey().Match(create.Output).Value;
        var keyId = KeyId().Match(create.Output).Value;
        gateway.PlaintextKeys.Add(key);
        Assert.NotEmpty(key);
        await WaitForStatusAsync(key, HttpStatusCode.OK, ct);

        await using var list = await TollwayProcess.RunAsync(gateway.Directory, "keys", "list", "--account", accountId, "--config", config);
        Assert.Contains("tw-…" + key[^4..], list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Output, StringComparison.Ordinal);

        await using var revoke = await TollwayProcess.RunAsync(gateway.Directory, "keys", "revoke", keyId, "--config", config);
        Assert.Equal(0, revoke.ExitCode);
        await WaitForStatusAsync(key, HttpStatusCode.Unauthorized, ct);
    }

    [Fact]
    public async Task CreditsAndLedger_CreditTwiceWithOneKey_MovesMoneyOnceAndTheBooksBalance()
    {
        var config = WriteConfig();
        await using var account = await TollwayProcess.RunAsync(gateway.Directory, "accounts", "create", "cli-funded", "--config", config);
        var accountId = AccountId().Match(account.Output).Value;

        await using var first = await TollwayProcess.RunAsync(gateway.Directory,
            "credits", "add", accountId, "12.34", "--reason", "invoice 7", "--idempotency-key", "inv-7", "--config", config);
        await using var again = await TollwayProcess.RunAsync(gateway.Directory,
            "credits", "add", accountId, "12.34", "--reason", "invoice 7", "--idempotency-key", "inv-7", "--config", config);
        await using var debit = await TollwayProcess.RunAsync(gateway.Directory,
            "credits", "debit", accountId, "100", "--reason", "too much", "--idempotency-key", "d-1", "--config", config);
        await using var balance = await TollwayProcess.RunAsync(gateway.Directory, "ledger", "balance", accountId, "--config", config);
        await using var reconcile = await TollwayProcess.RunAsync(gateway.Directory, "ledger", "reconcile", "--config", config);
        await using var journal = await TollwayProcess.RunAsync(gateway.Directory, "ledger", "journal", "--account", accountId, "--config", config);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Credited $12.34", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing changed", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, debit.ExitCode);
        Assert.Contains("Balance: $12.34", balance.Output, StringComparison.Ordinal);
        Assert.Equal(0, reconcile.ExitCode);
        Assert.Contains("The books balance.", reconcile.Output, StringComparison.Ordinal);
        Assert.Contains("invoice 7", journal.Output, StringComparison.Ordinal);
        Assert.Single(journal.Output.Split('\n'), line => line.Contains("credit:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeysCreate_WithoutARole_MakesAnInferenceKeyThatCannotManageKeys()
    {
        var ct = TestContext.Current.CancellationToken;
        var config = WriteConfig();
        var accountId = await AccountApi.CreateAccountAsync(gateway, "cli-default-role");

        await using var create = await TollwayProcess.RunAsync(gateway.Directory, "keys", "create", "--account", accountId, "--config", config);

        var key = PlaintextKey().Match(create.Output).Value;
        gateway.PlaintextKeys.Add(key);
        await WaitForStatusAsync(key, HttpStatusCode.OK, ct);
        await using var list = await TollwayProcess.RunAsync(gateway.Directory, "keys", "list", "--account", accountId, "--config", config);
        Assert.Contains(" inference ", list.Output, StringComparison.Ordinal);
        using var attempt = await AccountApi.SendAsync(gateway, HttpMethod.Post, "/account/v1/keys", key, new { name = "more" });
        Assert.Equal(HttpStatusCode.Forbidden, attempt.StatusCode);
        Assert.Equal(1, await AccountApi.CountKeysAsync(gateway, accountId));
    }

    [Fact]
    public async Task KeysCreate_RoleManagement_MakesAKeyThatManagesItsAccountsKeys()
    {
        var ct = TestContext.Current.CancellationToken;
        var accountId = await AccountApi.CreateAccountAsync(gateway, "cli-management");

        await using var create = await TollwayProcess.RunAsync(gateway.Directory, "keys", "create", "--account", accountId, "--role", "management", "--config", WriteConfig());

        var key = PlaintextKey().Match(create.Output).Value;
        gateway.PlaintextKeys.Add(key);
        await WaitForStatusAsync(key, HttpStatusCode.OK, ct);
        using var made = await AccountApi.SendAsync(gateway, HttpMethod.Post, "/account/v1/keys", key, new { name = "app" });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        gateway.PlaintextKeys.Add(PlaintextKey().Match(await made.Content.ReadAsStringAsync(ct)).Value);
    }

    [Fact]
    public async Task KeysCreate_UnknownAccount_FailsWithAMessage()
    {
        await using var create = await TollwayProcess.RunAsync(gateway.Directory, "keys", "create", "--account", "acct_missing", "--config", WriteConfig());

        Assert.Equal(1, create.ExitCode);
        Assert.Contains("no account 'acct_missing'", create.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_ConfigWithSeveralMistakes_ReportsEveryOneAndExits2()
    {
        var path = Path.Combine(gateway.Directory, "broken.json");
        await File.WriteAllTextAsync(path, """
            {
              "server": { "urls": "not a url", "maxRequestBodyBytes": 0 },
              "providers": {
                "openai": { "baseUrll": "https://example.invalid/v1" },
                "mystery": { "preset": "no-such-preset" }
              },
              "models": {
                "gpt-4o": { "endpoints": [ { "provider": "missing", "pricing": { "input": "cheap" } } ] }
              }
            }
            """, TestContext.Current.CancellationToken);

        await using var check = await TollwayProcess.RunAsync(gateway.Directory, "config", "check", "--config", path);

        Assert.Equal(2, check.ExitCode);
        foreach (var expected in new[]
        {
            "Server:Urls", "Server:MaxRequestBodyBytes", "providers:openai:baseUrll: unknown key", "Providers:openai:ApiKey",
            "Providers:mystery:Preset", "Models:gpt-4o:Endpoints:0:Provider", "Models:gpt-4o:Endpoints:0:Pricing:Input",
        })
        {
            Assert.Contains(expected, check.Error, StringComparison.OrdinalIgnoreCase);
        }
    }

    private string WriteConfig()
    {
        var path = Path.Combine(gateway.Directory, "cli.json");
        File.WriteAllText(path, $$"""{ "database": { "sqlitePath": "{{gateway.DatabasePath}}" } }""");
        return path;
    }

    private async Task WaitForStatusAsync(string key, HttpStatusCode expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.BaseUrl, "/v1/models"));
            request.Headers.Authorization = new("Bearer", key);
            using var response = await gateway.Http.SendAsync(request, ct);
            status = response.StatusCode;
            if (status != expected)
            {
                await Task.Delay(50, ct);
            }
        }
        while (status != expected && DateTime.UtcNow < deadline);

        Assert.Equal(expected, status);
    }

    [GeneratedRegex("acct_[0-9A-Za-z]{16}")]
    private static partial Regex AccountId();

    [GeneratedRegex("key_[0-9A-Za-z]{16}")]
    private static partial Regex KeyId();

    [GeneratedRegex("tw-[0-9A-Za-z]{40}")]
    private static partial Regex PlaintextKey();
}
