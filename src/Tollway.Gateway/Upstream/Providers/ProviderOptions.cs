namespace Tollway.Gateway.Upstream.Providers;

/// <summary>One upstream provider as configured by the operator.</summary>
public sealed class ProviderOptions
{
    /// <summary>The preset this provider follows (<c>openai</c>, <c>azure</c>, <c>deepseek</c>, …); defaults to the provider's own name.</summary>
    public string? Preset { get; set; }

    /// <summary>Overrides the preset's base URL; required for presets without one (Azure, vLLM, custom).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The API key. Give it through the environment (<c>TOLLWAY_Providers__NAME__ApiKey</c>), never in the file.</summary>
    public string? ApiKey { get; set; }

    /// <summary>More keys for the same provider, used in turn; a key that is rate limited or refused rests while the
    /// others serve. Give them through the environment (<c>TOLLWAY_Providers__NAME__ApiKeys__0</c>, <c>__1</c>, …).</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>The environment variable the key is read from when <see cref="ApiKey"/> is empty; defaults to the preset's (<c>OPENAI_API_KEY</c>).</summary>
    public string? ApiKeyEnv { get; set; }

    /// <summary>Azure OpenAI's <c>api-version</c>; defaults to the preset's.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>
    /// The member an OpenAI-format chat completion carries its output limit in where the gateway sets or adds it
    /// (<c>max_tokens</c> or <c>max_completion_tokens</c>); defaults to the preset's. An Azure deployment of a reasoning
    /// model refuses <c>max_tokens</c>: give it <c>max_completion_tokens</c> (with an <c>apiVersion</c> that takes it).
    /// </summary>
    public string? OutputLimitMember { get; set; }

    /// <summary>Extra headers sent on every request to this provider (for example OpenRouter's <c>HTTP-Referer</c>).</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether this provider brings its preset's shipped models; unset follows <c>catalog.shippedModels</c>.</summary>
    public bool? ShippedModels { get; set; }

    /// <summary>Connect, first-byte and total timeouts.</summary>
    public TimeoutOptions Timeouts { get; set; } = new();

    /// <summary>
    /// Whether requests to this provider carry the W3C trace context (<c>traceparent</c>, <c>tracestate</c>) of the
    /// attempt's span, so that a provider behind the same tracing (a self-hosted model) joins the trace. Never baggage.
    /// Off by default: a caller's trace ids are not a third party's business.
    /// </summary>
    public bool PropagateTraceContext { get; set; }
}
