using Tollway.Gateway.Identifiers;

namespace Tollway.Gateway.Proxy;

/// <summary>Request ids: <c>gen-</c> plus random characters, the form OpenRouter's generation ids take.</summary>
internal static class RequestIds
{
    public const string Prefix = "gen-";

    public static string New() => RandomIds.New(Prefix, 24);
}
