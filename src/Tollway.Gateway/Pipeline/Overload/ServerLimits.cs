using System.Globalization;
using Tollway.Gateway.Platform.Server;

namespace Tollway.Gateway.Pipeline.Overload;

/// <summary>
/// How much this node takes on at once, resolved at start from <c>server.maxConcurrentRequests</c>,
/// <c>server.maxConnections</c> and the open-file limit: enough that the process never runs out of descriptors, so
/// that an overload is answered with refusals instead of a crash.
/// </summary>
/// <remarks>
/// Each model request in flight holds two descriptors, its client's connection and its upstream connection; each
/// other client connection (idle keep-alive, or a request being refused) holds one; the rest of the process (database
/// files and connections, listeners, chain RPC, the runtime) about <see cref="ReservedDescriptors"/>. So the node
/// needs <c>maxConnections + maxConcurrentRequests + reserve</c> descriptors. Unset limits are chosen to fit:
/// a third of what the open-file limit leaves after the reserve for requests (at most
/// <see cref="DefaultMaxConcurrentRequests"/>), and twice that for connections, so that clients over the request limit
/// reach the gateway and get a 503 rather than a closed socket.
/// </remarks>
/// <param name="MaxConcurrentRequests">Model requests served at once.</param>
/// <param name="MaxConnections">Client connections open at once (Kestrel's <c>MaxConcurrentConnections</c>).</param>
/// <param name="OpenFileLimit">The process's open-file limit, when known.</param>
internal sealed record ServerLimits(int MaxConcurrentRequests, int MaxConnections, long? OpenFileLimit)
{
    /// <summary>
    /// The request limit when neither the config nor a low open-file limit sets one. A model request lasts seconds to
    /// minutes and holds its memory all that time: an open stream about 52 KiB (bench/RESULTS.md, scenario f), a
    /// request's body up to <c>server.maxRequestBodyBytes</c>. At 8,192 streams that is some 420 MiB, where memory rather
    /// than descriptors becomes the next limit; an operator with the memory for more raises it.
    /// </summary>
    public const int DefaultMaxConcurrentRequests = 8192;

    /// <summary>Descriptors kept for everything but client and upstream sockets. A started gateway holds about 230, 200 of
    /// them its assemblies (which .NET keeps open); under load come the database's pooled connections (PostgreSQL's
    /// pool holds up to 100), chain RPC and idle upstream connections.</summary>
    public const int ReservedDescriptors = 512;

    /// <summary>Descriptors these limits may use at once.</summary>
    public long DescriptorsNeeded => (long)MaxConnections + MaxConcurrentRequests + ReservedDescriptors;

    /// <summary>Whether <see cref="DescriptorsNeeded"/> fits the open-file limit (true when the limit is unknown).</summary>
    public bool FitOpenFileLimit => OpenFileLimit is not { } limit || DescriptorsNeeded <= limit;

    /// <summary>The limits in force for <paramref name="server"/>'s settings under <paramref name="openFileLimit"/>.</summary>
    public static ServerLimits Resolve(ServerOptions server, long? openFileLimit)
    {
        var requests = server.MaxConcurrentRequests ?? DefaultRequests(openFileLimit);
        var connections = server.MaxConnections ?? (int)Math.Min(2L * requests, int.MaxValue);
        return new ServerLimits(requests, connections, openFileLimit);
    }

    /// <summary>
    /// The limits in force for the <c>server</c> section as written. Read from the configuration itself because Kestrel
    /// takes its connection limit when the host is built, before the options are validated: a value that is not a
    /// positive integer counts as unset here, and validation then refuses it with its key before anything listens.
    /// </summary>
    public static ServerLimits Resolve(IConfiguration server, long? openFileLimit) => Resolve(
        new ServerOptions
        {
            MaxConcurrentRequests = Positive(server[nameof(ServerOptions.MaxConcurrentRequests)]),
            MaxConnections = Positive(server[nameof(ServerOptions.MaxConnections)]),
        },
        openFileLimit);

    private static int? Positive(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static int DefaultRequests(long? openFileLimit) => openFileLimit is { } limit
        ? (int)Math.Clamp((limit - ReservedDescriptors) / 3, 1, DefaultMaxConcurrentRequests)
        : DefaultMaxConcurrentRequests;
}
