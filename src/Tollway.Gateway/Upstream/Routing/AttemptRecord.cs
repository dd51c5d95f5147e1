namespace Tollway.Gateway.Upstream.Routing;

/// <summary>One attempt of a request, for the request log: which endpoint, and what came of it.</summary>
public readonly record struct AttemptRecord(string Endpoint, string Outcome)
{
    /// <summary>The attempts as one log field: <c>fake/m:503,azure/m:200</c>.</summary>
    public static string Join(IEnumerable<AttemptRecord> attempts) => string.Join(',', attempts.Select(a => a.Endpoint + ":" + a.Outcome));
}
