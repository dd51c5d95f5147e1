using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// One request on its way through the pipeline's stages: what it is (operation, the client's API), and what each stage
/// learned of it, in order — the key, the body, the Anthropic reading, the inspected request, the route plan, the
/// admission — with the request log row being built. Each stage sets its part once; the stages after it only read it.
/// The one object a request allocates for the pipeline itself.
/// </summary>
internal sealed class GatewayRequest(HttpContext http, GatewayOperation operation, WireFormat client, RequestLogBuilder log, long started)
    : IDisposable
{
    public HttpContext Http => http;

    /// <summary>A request that leaves no request log row (a token count): its row is filled in and never kept.</summary>
    public static GatewayRequest Unlogged(HttpContext context, GatewayOperation operation, WireFormat client) =>
        new(context, operation, client, new RequestLogBuilder("", DateTimeOffset.UnixEpoch, operation), 0);

    public GatewayOperation Operation => operation;

    /// <summary>The API the client speaks: an Anthropic Messages request is read as the equivalent chat completion, and
    /// answered (errors included) in Anthropic's shapes.</summary>
    public WireFormat Client => client;

    /// <summary>The request log row, filled in as the stages learn each part of it.</summary>
    public RequestLogBuilder Log => log;

    /// <summary>When the request came in (timestamp ticks), for its duration.</summary>
    public long Started => started;

    public CancellationToken Aborted => http.RequestAborted;

    /// <summary>The caller's key with its makers (authenticate); the x402 payer's placeholder for a request that pays.</summary>
    public KeyChain Key { get; set; }

    /// <summary>Whether the request carries no key and is paid for on the spot through x402.</summary>
    public bool Paying { get; set; }

    /// <summary>The body as it came (read).</summary>
    public PooledBuffer? Received { get; set; }

    /// <summary>An Anthropic Messages request read as its chat completion (read, on <c>/v1/messages</c> only).</summary>
    public MessagesRequest? Messages { get; set; }

    /// <summary>The body routed, priced and held on: an Anthropic request's chat completion, else the body as it came.</summary>
    public PooledBuffer Body => Messages?.ChatBody ?? Received!;

    /// <summary>The request as inspected, in its final state (inspect).</summary>
    public InspectedRequest? Inspected { get; set; }

    /// <summary>The endpoints it may go to, in order (resolve).</summary>
    public RoutePlan Plan { get; set; }

    /// <summary>Its hold and its key limits' admission (admit).</summary>
    public BillingAdmission? Admission { get; set; }

    /// <summary>The time its attempts spent waiting on providers (headers and body): what the gateway's overhead
    /// excludes.</summary>
    public TimeSpan UpstreamElapsed { get; set; }

    public void Dispose()
    {
        Messages?.ChatBody?.Dispose();
        Received?.Dispose();
    }
}
