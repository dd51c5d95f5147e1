using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Proxy;

/// <summary>
/// A body whose text is not Unicode — bytes that are not UTF-8, or an escaped lone surrogate — is a 400 in the client's
/// format on every model endpoint, and reaches no provider: the JSON reader checks structure only, so such a body used
/// to be forwarded as it came (or to fail with a 500 where the gateway decoded the broken string itself).
/// </summary>
public sealed class MalformedTextTests(BoundedGatewayFixture gateway) : IClassFixture<BoundedGatewayFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Bodies() => new()
    {
        { "/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"a""", "C0AF" },
        { "/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"a""", "EDA080" },
        { "/v1/completions", """{"model":"gpt-4o-mini","prompt":["a""", "E282" },
        { "/v1/embeddings", """{"model":"text-embedding-3-small","input":["a""", "FF" },
        { "/v1/messages", """{"model":"gpt-4o-mini","max_tokens":10,"messages":[{"role":"user","content":"a""", "F4908080" },
        { "/v1/messages/count_tokens", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"a""", "EDB080" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Post_InvalidUtf8InAString_Answers400InTheClientsFormatWithoutUpstreamCall(string path, string before, string hex)
    {
        byte[] body = [.. Encoding.ASCII.GetBytes(before), .. Convert.FromHexString(hex), .. Encoding.ASCII.GetBytes(Closing(before))];

        var message = await AssertRefusedAsync(path, body);

        Assert.Contains("not valid UTF-8", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"\ud800"}]}""")]
    [InlineData("/v1/completions", """{"model":"gpt-4o-mini","prompt":"x\udc00y"}""")]
    [InlineData("/v1/embeddings", """{"model":"text-embedding-3-small","input":["\ud83d\u0041"]}""")]
    [InlineData("/v1/messages", """{"model":"gpt-4o-mini","max_tokens":10,"messages":[{"role":"user","content":"\udbff"}]}""")]
    [InlineData("/v1/messages/count_tokens", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"\ude00\ud83d"}]}""")]
    public async Task Post_EscapedLoneSurrogate_Answers400InTheClientsFormatWithoutUpstreamCall(string path, string body)
    {
        var message = await AssertRefusedAsync(path, Encoding.ASCII.GetBytes(body));

        Assert.Contains("lone UTF-16 surrogate", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_EscapedSurrogatePair_IsServed()
    {
        // What Python's json.dumps sends for an emoji: text, not a malformed body.
        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"\ud83d\ude00"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Sends the body, checks the 400 in the endpoint's error shape and that nothing went upstream; returns the message.</summary>
    private async Task<string> AssertRefusedAsync(string path, byte[] body)
    {
        gateway.Upstream.Reset();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUrl, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.UserKey);

        using var response = await gateway.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, gateway.Upstream.RequestCount);
        if (!path.StartsWith("/v1/messages", StringComparison.Ordinal))
        {
            var error = await GatewayFixture.ReadErrorAsync(response);
            Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
            return error.GetProperty("message").GetString()!;
        }

        var anthropic = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("error", anthropic.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", anthropic.GetProperty("error").GetProperty("type").GetString());
        return anthropic.GetProperty("error").GetProperty("message").GetString()!;
    }

    /// <summary>Closes the string and every array and object the opening left open.</summary>
    private static string Closing(string opening)
    {
        var closing = new StringBuilder("b\"");
        foreach (var c in opening.Reverse())
        {
            closing.Append(c switch { '[' => "]", '{' => "}", _ => "" });
        }

        return closing.ToString();
    }
}
