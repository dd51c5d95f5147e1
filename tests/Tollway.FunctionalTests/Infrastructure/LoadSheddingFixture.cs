using Microsoft.Extensions.Time.Testing;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>The gateway with a small limit of requests in flight and, when set, of connections and an injected clock
/// (for how often it warns about refusals; the request log is only written as that clock moves).</summary>
public sealed class LoadSheddingFixture : GatewayFixture
{
    /// <summary><c>server.maxConcurrentRequests</c>.</summary>
    public int MaxConcurrentRequests { get; init; } = 3;

    /// <summary><c>server.maxConnections</c>; unset leaves the default.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>The gateway's clock; unset for the system clock.</summary>
    public FakeTimeProvider? Time { get; init; }

    protected override TimeProvider? Clock => Time;

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Server:MaxConcurrentRequests"] = MaxConcurrentRequests.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (MaxConnections is { } connections)
        {
            configuration["Server:MaxConnections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return configuration;
    }
}
