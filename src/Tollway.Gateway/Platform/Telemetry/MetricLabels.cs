using System.Globalization;

namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>Label values shared by the gateway's metrics, as cached strings: a label never allocates per request, and
/// never carries what a client chose.</summary>
public static class MetricLabels
{
    /// <summary>The model label before (or without) a model the catalog resolved.</summary>
    public const string UnknownModel = "unknown";

    /// <summary>The provider label of a request no provider answered.</summary>
    public const string NoProvider = "none";

    private static readonly string[] Statuses = Enumerable.Range(0, 600).Select(code => code.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>An HTTP status code as text; anything outside 100–599 as <c>other</c>.</summary>
    public static string Status(int code) => code is >= 100 and < 600 ? Statuses[code] : "other";
}
