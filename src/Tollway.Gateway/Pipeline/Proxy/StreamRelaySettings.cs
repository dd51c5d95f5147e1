using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Upstream.Translation;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>How <see cref="StreamRelay"/> relays one stream.</summary>
/// <param name="ForwardUsageChunk">Whether the client gets the usage chunk (it asked for it, or the provider sends it anyway).</param>
/// <param name="UpstreamToken">Cancelled at the exchange's total timeout.</param>
/// <param name="ClientToken">Cancelled when the client leaves.</param>
/// <param name="Billing">The request's billing, settled on the stream's usage; none for a stream nobody pays for.</param>
/// <param name="Translation">The decoders and encoders between the provider's dialect and the client's, if they differ.</param>
internal readonly record struct StreamRelaySettings(
    bool ForwardUsageChunk,
    CancellationToken UpstreamToken,
    CancellationToken ClientToken,
    IResponseBilling? Billing = null,
    StreamTranslation? Translation = null);
