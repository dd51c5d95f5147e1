
namespace Tollway.Diagnostics;

/// <summary>Log messages of the executable (event ids 9xxx). Never a key, a prompt or a response.</summary>
internal static partial class Log
{
    [LoggerMessage(9001, LogLevel.Information, "Created the operator account {AccountId} and its admin key {KeyId}; the key was printed once on standard output")]
    public static partial void OperatorBootstrapped(ILogger logger, string accountId, string keyId);

    [LoggerMessage(9002, LogLevel.Information, "Tollway is listening on {Urls} with {Providers} providers and {Models} models")]
    public static partial void Started(ILogger logger, string urls, int providers, int models);

    [LoggerMessage(9003, LogLevel.Information, "Serving at most {Requests} model requests at once over at most {Connections} connections (open-file limit: {OpenFiles})")]
    public static partial void ServingLimits(ILogger logger, int requests, int connections, string openFiles);

    [LoggerMessage(9004, LogLevel.Warning, "The open-file limit is {OpenFiles}, but {Connections} connections and {Requests} requests in flight (each with an upstream socket) need about {Needed} descriptors: under load the process could run out of them instead of refusing requests. Raise it to at least that (`ulimit -n` in the shell that starts `tollway serve`, LimitNOFILE= in its systemd unit) or lower server.maxConnections and server.maxConcurrentRequests")]
    public static partial void OpenFileLimitTooLow(ILogger logger, long openFiles, int connections, int requests, long needed);
}
