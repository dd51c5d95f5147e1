namespace Tollway.Gateway.Configuration;

/// <summary>Listening and request limits.</summary>
public sealed class ServerOptions
{
    /// <summary>Default listening URL: loopback only, so a first start exposes nothing.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Semicolon-separated URLs Kestrel binds (<c>http://0.0.0.0:8080</c> to listen on every interface).</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>The largest request body accepted, in bytes; larger bodies answer 413 without an upstream call.
    /// The default leaves room for a few base64 images.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;
}
