using System.Text;
using Microsoft.Data.Sqlite;
using OpenAI.Chat;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Privacy;

/// <summary>
/// After real traffic — chat, streams, errors, key management — neither the database file nor the logs contain a
/// prompt, a response, or the plaintext of any key.
/// </summary>
public sealed class NoSecretsAtRestTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string PromptCanary = "CANARY-PROMPT-5e0f1c9a";
    private const string ResponseCanary = "CANARY-RESPONSE-b7d2e4";

    [Fact]
    public async Task AfterTraffic_DatabaseAndLogs_HoldNoPromptResponseOrKey()
    {
        var ct = TestContext.Current.CancellationToken;
        var chat = SdkClients.OpenAi(gateway).GetChatClient("gpt-4o-mini");
        gateway.Upstream.Enqueue(UpstreamFault.WithContent(ResponseCanary));
        await chat.CompleteChatAsync([new UserChatMessage(PromptCanary)], cancellationToken: ct);
        gateway.Upstream.Enqueue(UpstreamFault.WithContent(ResponseCanary));
        await foreach (var _ in chat.CompleteChatStreamingAsync([new UserChatMessage(PromptCanary)], cancellationToken: ct))
        {
        }

        // An upstream error that echoes the prompt and the provider key, and a malformed request with the prompt.
        gateway.Upstream.Enqueue(UpstreamFault.WithBody(400, $$$"""{"error":{"message":"bad input {{{PromptCanary}}} for key {{{GatewayFixture.UpstreamApiKey}}}","type":"invalid_request_error"}}"""));
        using (await gateway.PostAsync("/v1/chat/completions", $$$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"{{{PromptCanary}}}"}]}"""))
        {
        }

        using (await gateway.PostAsync("/v1/chat/completions", $$$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"{{{PromptCanary}}}"""))
        {
        }

        var revokedKey = await gateway.CreateUserKeyAsync("revoked");
        using (await AdminApi.SendAsync(gateway, HttpMethod.Delete, $"/admin/v1/keys/{await AdminApi.FindKeyIdAsync(gateway, revokedKey)}"))
        {
        }

        using (var last = await gateway.PostAsync("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[]}"""))
        {
            await RequestLogRows.WaitForAsync(gateway, last.Headers.GetValues("X-Request-Id").Single());
        }

        var secrets = new List<string> { PromptCanary, ResponseCanary, GatewayFixture.UpstreamApiKey, GatewayFixture.AzureApiKey };
        secrets.AddRange(gateway.PlaintextKeys);
        var database = ReadDatabaseFiles();
        var logs = gateway.Logs.AllText;
        // Controls: the scan does see what is stored (request rows, key hashes' owners) and what is logged.
        Assert.Contains("gpt-4o-mini", database, StringComparison.Ordinal);
        Assert.Contains("key_", database, StringComparison.Ordinal);
        Assert.Contains("answered 400", logs, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    /// <summary>The database file and its write-ahead log as text, so a search finds any string stored in any page.</summary>
    private string ReadDatabaseFiles()
    {
        SqliteConnection.ClearAllPools();
        var text = new StringBuilder();
        foreach (var path in new[] { gateway.DatabasePath, gateway.DatabasePath + "-wal" })
        {
            if (File.Exists(path))
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, Encoding.Latin1);
                text.Append(reader.ReadToEnd());
            }
        }

        Assert.True(text.Length > 0);
        return text.ToString();
    }
}
