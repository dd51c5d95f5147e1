using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Admin;

/// <summary>
/// Text a client sends to be kept in a row has a bound, on the admin API and the account API alike: at the bound it is
/// written, one past it is a 400 ProblemDetails naming the field, and nothing is written.
/// </summary>
public sealed class StoredTextBoundsTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Fields() => new()
    {
        { "admin key", "name" },
        { "admin key", "allowed_models" },
        { "admin key", "allowed_models.id" },
        { "account key", "name" },
        { "account key", "allowed_models" },
        { "account key", "allowed_models.id" },
        { "account", "name" },
        { "credit", "reason" },
        { "credit", "idempotency_key" },
        { "markup", "subject" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Write_FieldAtItsBound_IsWritten_OnePastIt_Answers400NamingItAndWritesNothing(string what, string field)
    {
        var accountId = await AccountApi.CreateAccountAsync(gateway, "bounds");
        var (manager, _) = await AccountApi.CreateKeyAsAdminAsync(gateway, new { account_id = accountId, name = "manager", role = "management" });
        var keysBefore = await AccountApi.CountKeysAsync(gateway, accountId);

        using var past = await SendAsync(what, accountId, manager, Body(what, field, accountId, pastTheBound: true));
        var problem = await past.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal("application/problem+json", past.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field.Split('.')[0], problem.GetProperty("param").GetString());
        Assert.Equal(keysBefore, await AccountApi.CountKeysAsync(gateway, accountId));
        using var atBound = await SendAsync(what, accountId, manager, Body(what, field, accountId, pastTheBound: false));
        Assert.True(atBound.IsSuccessStatusCode, $"{(int)atBound.StatusCode}: {await atBound.Content.ReadAsStringAsync(Ct)}");
    }

    private Task<HttpResponseMessage> SendAsync(string what, string accountId, string manager, JsonObject body) => what switch
    {
        "admin key" => AdminApi.SendAsync(gateway, HttpMethod.Post, "/admin/v1/keys", body),
        "account key" => AccountApi.SendAsync(gateway, HttpMethod.Post, "/account/v1/keys", manager, body),
        "account" => AdminApi.SendAsync(gateway, HttpMethod.Post, "/admin/v1/accounts", body),
        "credit" => AdminApi.SendAsync(gateway, HttpMethod.Post, $"/admin/v1/accounts/{accountId}/credits", body),
        _ => AdminApi.SendAsync(gateway, HttpMethod.Put, "/admin/v1/markups", body),
    };

    /// <summary>A body whose <paramref name="field"/> is exactly at its bound, or one past it.</summary>
    private static JsonObject Body(string what, string field, string accountId, bool pastTheBound)
    {
        var extra = pastTheBound ? 1 : 0;
        var unique = Guid.NewGuid().ToString("N");
        var body = what switch
        {
            "admin key" => new JsonObject { ["account_id"] = accountId, ["name"] = "k" },
            "account key" => new JsonObject { ["name"] = "k" },
            "account" => new JsonObject { ["name"] = "a" },
            "credit" => new JsonObject { ["amount_usd"] = "1", ["reason"] = "r", ["idempotency_key"] = unique },
            _ => new JsonObject { ["scope"] = "model", ["subject"] = "m", ["percent"] = "1" },
        };
        body[field.Split('.')[0]] = field switch
        {
            "allowed_models" => new JsonArray([.. Enumerable.Range(0, 256 + extra).Select(i => JsonValue.Create($"model-{i}"))]),
            "allowed_models.id" => new JsonArray(new string('m', 256 + extra)),
            "reason" => new string('r', 1024 + extra),
            // Unique, so the write at the bound is a new movement and not a duplicate of another test's.
            "idempotency_key" => unique + new string('i', 256 - unique.Length + extra),
            _ => new string('n', 256 + extra),
        };
        return body;
    }
}
