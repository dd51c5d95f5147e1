
namespace Tollway;

/// <summary>Log messages of the executable (event ids 9xxx). Never a key, a prompt or a response.</summary>
internal static partial class Log
{
    [LoggerMessage(9001, LogLevel.Information, "Created the operator account {AccountId} and its admin key {KeyId}; the key was printed once on standard output")]
    public static partial void OperatorBootstrapped(ILogger logger, string accountId, string keyId);

    [LoggerMessage(9002, LogLevel.Information, "Tollway is listening on {Urls} with {Providers} providers and {Models} models")]
    public static partial void Started(ILogger logger, string urls, int providers, int models);
}
