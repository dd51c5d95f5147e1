namespace Tollway.Gateway.Api.Health;

/// <summary>The short reasons the plain <c>/readyz</c> answer gives a load balancer: fixed text, nothing measured.</summary>
internal static class ReadinessReasons
{
    public const string Ready = "ready";

    public const string DatabaseUnavailable = "database unavailable";

    public const string ApiKeysNotLoaded = "api keys not loaded";

    public const string ChargesBehind = "charges behind";
}
