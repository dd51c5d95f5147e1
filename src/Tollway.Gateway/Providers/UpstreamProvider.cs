using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Tollway.Gateway.Providers;

/// <summary>
/// A configured provider at run time: its address, its credentials and one pooled connection handler shared by every
/// request to it. The key is private to this type and never part of <see cref="ToString"/>.
/// </summary>
public sealed class UpstreamProvider : IDisposable
{
    private readonly string? _apiKey;
    private readonly string? _authorizationValue;
    private readonly Uri[] _operationUris;
    private readonly ConcurrentDictionary<(GatewayOperation, string), Uri> _deploymentUris = new();

    /// <summary>Creates the provider and its connection pool.</summary>
    public UpstreamProvider(
        string name,
        ProviderPreset preset,
        Uri baseUri,
        string? apiKey,
        string? apiVersion,
        IReadOnlyDictionary<string, string> headers,
        ProviderTimeouts timeouts,
        HttpMessageHandler? handler = null)
    {
        Name = name;
        Preset = preset;
        BaseUri = EnsureTrailingSlash(baseUri);
        ApiVersion = apiVersion ?? preset.DefaultApiVersion;
        Headers = headers;
        Timeouts = timeouts;
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        _authorizationValue = _apiKey is null ? null : "Bearer " + _apiKey;
        _operationUris = [.. Enum.GetValues<GatewayOperation>().Select(op => new Uri(BaseUri, op.PathSegment()))];
        Client = new HttpMessageInvoker(handler ?? CreateHandler(timeouts), disposeHandler: true);
    }

    /// <summary>The name the operator gave it.</summary>
    public string Name { get; }

    /// <summary>The preset it follows.</summary>
    public ProviderPreset Preset { get; }

    /// <summary>The base URL, ending in a slash.</summary>
    public Uri BaseUri { get; }

    /// <summary>Azure's <c>api-version</c>, when the preset uses deployment paths.</summary>
    public string? ApiVersion { get; }

    /// <summary>Extra headers sent on every request.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Connect, first-byte and total timeouts.</summary>
    public ProviderTimeouts Timeouts { get; }

    /// <summary>Whether a key was configured.</summary>
    public bool HasApiKey => _apiKey is not null;

    /// <summary>The pooled client; <c>HttpMessageInvoker</c> rather than <c>HttpClient</c> because timeouts and
    /// buffering are the forwarder's business.</summary>
    public HttpMessageInvoker Client { get; }

    /// <summary>Whether the provider serves the operation.</summary>
    public bool Supports(GatewayOperation operation) => Preset.Operations.HasFlag(operation.RequiredCapability());

    /// <summary>The URL an operation on a model goes to.</summary>
    public Uri GetOperationUri(GatewayOperation operation, string upstreamModel)
    {
        if (!Preset.UsesDeploymentPath)
        {
            return _operationUris[(int)operation];
        }

        return _deploymentUris.GetOrAdd((operation, upstreamModel), static (key, self) =>
        {
            var (op, deployment) = key;
            var path = $"openai/deployments/{Uri.EscapeDataString(deployment)}/{op.PathSegment()}";
            var query = self.ApiVersion is null ? "" : "?api-version=" + Uri.EscapeDataString(self.ApiVersion);
            return new Uri(self.BaseUri, path + query);
        }, this);
    }

    /// <summary>Puts the provider's credentials and fixed headers on an outgoing request.</summary>
    public void ApplyHeaders(HttpRequestHeaders headers)
    {
        switch (Preset.Auth)
        {
            case ProviderAuthStyle.Bearer when _authorizationValue is not null:
                headers.TryAddWithoutValidation("Authorization", _authorizationValue);
                break;
            case ProviderAuthStyle.Header when _apiKey is not null:
                headers.TryAddWithoutValidation(Preset.AuthHeaderName ?? "api-key", _apiKey);
                break;
            default:
                break;
        }

        foreach (var (name, value) in Preset.ExtraHeaders)
        {
            headers.TryAddWithoutValidation(name, value);
        }

        foreach (var (name, value) in Headers)
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>Removes every occurrence of this provider's key from text that came back from it, so that an
    /// upstream error echoing the key never reaches a client or a log.</summary>
    public string Redact(string text) =>
        _apiKey is null || text.Length < _apiKey.Length ? text : text.Replace(_apiKey, "[redacted]", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Preset.Name}, {BaseUri})";

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();

    private static SocketsHttpHandler CreateHandler(ProviderTimeouts timeouts) => new()
    {
        ConnectTimeout = timeouts.Connect,
        // Recycle pooled connections so DNS changes at the provider are picked up.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        // Bodies pass through as they are; decompressing would cost CPU and break byte-exact pass-through.
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        // Trace context of the caller is not the provider's business.
        ActivityHeadersPropagator = null,
    };

    private static Uri EnsureTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
