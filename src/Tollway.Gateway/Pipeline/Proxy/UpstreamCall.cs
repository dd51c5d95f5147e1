using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>One call to a provider through the <see cref="UpstreamForwarder"/>: where, what, and within which timeouts.</summary>
/// <param name="Provider">The provider: its connections, its keys (one is chosen per call), its headers.</param>
/// <param name="Uri">The URL posted to.</param>
/// <param name="Body">The JSON body, sent as it is.</param>
/// <param name="Stream">Whether the answer is an event stream.</param>
/// <param name="Timeouts">The first-byte and total deadlines (the connect timeout is the provider's connections').</param>
internal readonly record struct UpstreamCall(UpstreamProvider Provider, Uri Uri, ReadOnlyMemory<byte> Body, bool Stream, ProviderTimeouts Timeouts);
