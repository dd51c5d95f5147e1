using Tollway.Gateway.Pipeline.Proxy;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>Why an attempt was followed by another, and a connection error's name, in a fixed set of snake-case words
/// (never a provider's text), for the attempt's span and the attempt metrics' labels.</summary>
internal static class RetryReasons
{
    public const string RateLimited = "rate_limited";
    public const string ServerError = "server_error";
    public const string Timeout = "timeout";
    public const string Connect = "connect";
    public const string KeyRefused = "key_refused";
    public const string ConnectionBroken = "connection_broken";
    public const string Other = "other";

    /// <summary>Every reason, for the metrics published at zero.</summary>
    public static readonly IReadOnlyList<string> All = [RateLimited, ServerError, Timeout, Connect, KeyRefused, ConnectionBroken, Other];

    /// <summary>The reason for a status a provider answered with.</summary>
    public static string ForStatus(int status) => status switch
    {
        429 => RateLimited,
        401 or 402 or 403 => KeyRefused,
        408 => Timeout,
        >= 500 => ServerError,
        _ => Other,
    };

    /// <summary>The reason for an attempt by its outcome as the request log's attempts column has it: a status code's
    /// text, a <see cref="ForwarderError"/> name, or another word of the gateway's.</summary>
    public static string ForOutcome(string outcome) =>
        int.TryParse(outcome, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status) ? ForStatus(status)
        : Enum.TryParse<ForwarderError>(outcome, out var error) && Enum.IsDefined(error) ? ForError(error)
        : Other;

    /// <summary>The reason for an attempt that got no response.</summary>
    public static string ForError(ForwarderError error) => error switch
    {
        ForwarderError.ConnectFailed or ForwarderError.ConnectTimeout => Connect,
        ForwarderError.FirstByteTimeout or ForwarderError.TotalTimeout => Timeout,
        ForwarderError.RequestFailed => ConnectionBroken,
        _ => Other,
    };

    /// <summary>A connection error's name in snake case, as <c>error.type</c> takes it.</summary>
    public static string Name(ForwarderError error) => error switch
    {
        ForwarderError.ConnectFailed => "connect_failed",
        ForwarderError.ConnectTimeout => "connect_timeout",
        ForwarderError.FirstByteTimeout => "first_byte_timeout",
        ForwarderError.TotalTimeout => "total_timeout",
        ForwarderError.RequestFailed => "request_failed",
        ForwarderError.ClientAborted => "client_closed",
        _ => "none",
    };
}
