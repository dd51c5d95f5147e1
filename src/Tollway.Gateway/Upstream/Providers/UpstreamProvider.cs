using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Providers;

/// <summary>
/// A configured provider at run time: its address, its credentials and one pooled connection handler shared by every
/// request to it. The key is private to this type and never part of <see cref="ToString"/>.
/// </summary>
public sealed class UpstreamProvider : IDisposable
{
    private readonly ProviderCredential[] _credentials;
    private readonly TimeProvider _timeProvider;
    private int _nextCredential;
    private readonly Uri[] _operationUris;
    private readonly ConcurrentDictionary<(GatewayOperation, string, bool), Uri> _modelUris = new();

    /// <summary>Creates the provider and its connection pool.</summary>
    public UpstreamProvider(
        string name,
        ProviderPreset preset,
        Uri baseUri,
        string? apiKey,
        string? apiVersion,
        IReadOnlyDictionary<string, string> headers,
        ProviderTimeouts timeouts,
        HttpMessageHandler? handler = null,
        IReadOnlyList<string>? moreApiKeys = null,
        TimeProvider? timeProvider = null,
        string? outputLimitMember = null,
        bool propagateTraceContext = false)
    {
        Name = name;
        Preset = preset;
        BaseUri = EnsureTrailingSlash(baseUri);
        ApiVersion = apiVersion ?? preset.DefaultApiVersion;
        OutputLimitMember = outputLimitMember ?? preset.OutputLimitMember;
        Headers = headers;
        Timeouts = timeouts;
        PropagatesTraceContext = propagateTraceContext;
        _credentials = [.. new[] { apiKey }.Concat(moreApiKeys ?? []).Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.Ordinal)
            .Select((key, index) => new ProviderCredential(key!, index))];
        _timeProvider = timeProvider ?? TimeProvider.System;
        _operationUris = preset.WireFormat == WireFormat.Anthropic
            ? [new Uri(BaseUri, "messages")]
            : [.. Enum.GetValues<GatewayOperation>().Select(op => new Uri(BaseUri, op.PathSegment()))];
        Client = new HttpMessageInvoker(handler ?? CreateHandler(timeouts, propagateTraceContext), disposeHandler: true);
    }

    /// <summary>The name the operator gave it.</summary>
    public string Name { get; }

    /// <summary>The preset it follows.</summary>
    public ProviderPreset Preset { get; }

    /// <summary>The base URL, ending in a slash.</summary>
    public Uri BaseUri { get; }

    /// <summary>Azure's <c>api-version</c>, when the preset uses deployment paths.</summary>
    public string? ApiVersion { get; }

    /// <summary>The member a chat completion carries the output limit in where the gateway sets it: the operator's
    /// choice, else the preset's (<see cref="ProviderPreset.OutputLimitMember"/>).</summary>
    public string OutputLimitMember { get; }

    /// <summary>Extra headers sent on every request.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Connect, first-byte and total timeouts.</summary>
    public ProviderTimeouts Timeouts { get; }

    /// <summary>Whether requests to it carry the trace context (<see cref="ProviderOptions.PropagateTraceContext"/>).</summary>
    public bool PropagatesTraceContext { get; }

    /// <summary>Whether a key was configured.</summary>
    public bool HasApiKey => _credentials.Length > 0;

    /// <summary>Whether some key other than <paramref name="credential"/> can be used now.</summary>
    public bool HasOtherReadyKey(ProviderCredential? credential)
    {
        var now = _timeProvider.GetTimestamp();
        return _credentials.Any(c => c != credential && c.IsReady(now));
    }

    /// <summary>Rests a key that was rate limited, for the provider's <c>Retry-After</c> (or a short default).</summary>
    public void RestRateLimited(ProviderCredential? credential, TimeSpan? retryAfter) =>
        credential?.RestUntil(_timeProvider.GetTimestamp() + Ticks(retryAfter ?? TimeSpan.FromSeconds(10)));

    /// <summary>Rests a key the provider refused (401/402/403) for the longer cool-down.</summary>
    public void RestRefused(ProviderCredential? credential, TimeSpan coolDown) =>
        credential?.RestUntil(_timeProvider.GetTimestamp() + Ticks(coolDown));

    /// <summary>The pooled client; <c>HttpMessageInvoker</c> rather than <c>HttpClient</c> because timeouts and
    /// buffering are the forwarder's business.</summary>
    public HttpMessageInvoker Client { get; }

    /// <summary>Whether the provider serves the operation.</summary>
    public bool Supports(GatewayOperation operation) => Preset.Operations.HasFlag(operation.RequiredCapability());

    /// <summary>The URL an operation on a model goes to; <paramref name="stream"/> matters only where the provider has a
    /// separate streaming method (Gemini).</summary>
    public Uri GetOperationUri(GatewayOperation operation, string upstreamModel, bool stream = false)
    {
        if (Preset.WireFormat == WireFormat.Anthropic)
        {
            return _operationUris[0];
        }

        if (!Preset.UsesDeploymentPath && Preset.WireFormat == WireFormat.OpenAi)
        {
            return _operationUris[(int)operation];
        }

        return _modelUris.GetOrAdd((operation, upstreamModel, stream && Preset.WireFormat == WireFormat.Gemini), static (key, self) =>
        {
            var (op, model, streamed) = key;
            return self.Preset.WireFormat == WireFormat.Gemini ? self.GeminiUri(op, model, streamed) : self.DeploymentUri(op, model);
        }, this);
    }

    private Uri DeploymentUri(GatewayOperation operation, string deployment)
    {
        var path = $"openai/deployments/{Uri.EscapeDataString(deployment)}/{operation.PathSegment()}";
        var query = ApiVersion is null ? "" : "?api-version=" + Uri.EscapeDataString(ApiVersion);
        return new Uri(BaseUri, path + query);
    }

    /// <summary><c>models/{model}:method</c>; streams ask for server-sent events with <c>alt=sse</c>. The key never goes
    /// into this URL (it travels in <c>x-goog-api-key</c>), so the URL is safe to log.</summary>
    private Uri GeminiUri(GatewayOperation operation, string model, bool stream)
    {
        var name = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        var method = operation == GatewayOperation.Embeddings ? ":batchEmbedContents"
            : stream ? ":streamGenerateContent?alt=sse"
            : ":generateContent";
        return new Uri(BaseUri, "models/" + Uri.EscapeDataString(name) + method);
    }

    /// <summary>Puts one of the provider's keys and its fixed headers on an outgoing request; returns the key used.
    /// Keys take turns; a resting key is passed over while another is ready.</summary>
    public ProviderCredential? ApplyHeaders(HttpRequestHeaders headers)
    {
        var credential = NextCredential();
        switch (Preset.Auth)
        {
            case ProviderAuthStyle.Bearer when credential is not null:
                headers.TryAddWithoutValidation("Authorization", credential.BearerValue);
                break;
            case ProviderAuthStyle.Header when credential is not null:
                headers.TryAddWithoutValidation(Preset.AuthHeaderName ?? "api-key", credential.Key);
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

        return credential;
    }

    /// <summary>Removes every occurrence of this provider's key from text that came back from it, so that an
    /// upstream error echoing the key never reaches a client or a log.</summary>
    public string Redact(string text)
    {
        foreach (var credential in _credentials)
        {
            text = text.Replace(credential.Key, "[redacted]", StringComparison.Ordinal);
        }

        return text;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Preset.Name}, {BaseUri})";

    private ProviderCredential? NextCredential()
    {
        if (_credentials.Length == 0)
        {
            return null;
        }

        var now = _timeProvider.GetTimestamp();
        var start = (int)((uint)Interlocked.Increment(ref _nextCredential) % (uint)_credentials.Length);
        for (var i = 0; i < _credentials.Length; i++)
        {
            var candidate = _credentials[(start + i) % _credentials.Length];
            if (candidate.IsReady(now))
            {
                return candidate;
            }
        }

        // Every key rests: use the one that is soonest ready rather than refuse outright.
        return _credentials.MinBy(c => c.RestingUntil);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _timeProvider.TimestampFrequency);

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();

    private static SocketsHttpHandler CreateHandler(ProviderTimeouts timeouts, bool propagateTraceContext) => new()
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
        // The caller's trace context is not the provider's business, unless the operator says so; its baggage never is.
        ActivityHeadersPropagator = propagateTraceContext ? TraceContextPropagator.Instance : null,
    };

    private static Uri EnsureTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
