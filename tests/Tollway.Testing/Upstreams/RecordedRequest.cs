using System.Text;
using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// One request as the fake upstream received it, so a test can assert what the gateway actually sent
/// (path, query, headers such as <c>Authorization</c> or <c>api-key</c>, and the exact body bytes).
/// </summary>
/// <param name="Method">The HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">The request path, e.g. <c>/v1/chat/completions</c>.</param>
/// <param name="QueryString">The raw query string including the leading <c>?</c>, or empty.</param>
/// <param name="Headers">Request headers keyed case-insensitively; repeated headers are joined with a comma.</param>
/// <param name="Body">The request body bytes exactly as received.</param>
/// <param name="ReceivedAt">When the request arrived (after its body was read).</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Parses the body as JSON; the caller disposes the document.</summary>
    public JsonDocument ParseBody() => JsonDocument.Parse(Body);
}
