using System.Net;
using System.Text;
using Tollway.Bench.Arms;

namespace Tollway.Bench.Load;

/// <summary>The chat completion every scenario sends (a system and a user message, <c>max_tokens</c> 64), and the clients that send it.</summary>
internal static class ChatRequest
{
    public static string Body(string model, bool stream)
    {
        var body = new StringBuilder()
            .Append("{\"model\":\"").Append(model).Append("\",\"messages\":[")
            .Append("{\"role\":\"system\",\"content\":\"You are a concise assistant.\"},")
            .Append("{\"role\":\"user\",\"content\":\"Say hello to the benchmark in one short sentence.\"}],")
            .Append("\"max_tokens\":64,\"temperature\":0");
        if (stream)
        {
            body.Append(",\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        }

        return body.Append('}').ToString();
    }

    public static HttpRequestMessage Message(IArm arm, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, arm.ChatUrl)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version11,
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        foreach (var (name, value) in arm.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>A client with its own connection pool, no proxy, and at most <paramref name="maxConnections"/> connections.</summary>
    public static HttpClient Client(int maxConnections = int.MaxValue) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    })
    {
        Timeout = TimeSpan.FromSeconds(120),
    };
}
