namespace Tollway.Gateway.Upstream.Providers;

/// <summary>The validated timeouts of one provider.</summary>
public sealed record ProviderTimeouts(TimeSpan Connect, TimeSpan FirstByte, TimeSpan Total);
