namespace Tollway.Gateway.Platform.Storage;

/// <summary>
/// The database could not be asked what a request needs (a lease on a balance, a key's spend, an x402 authorization):
/// the request is answered 503 with <c>Retry-After</c>, with nothing sent upstream. Thrown by
/// <see cref="DatabaseOutage.CallAsync{T}"/>, around the store's own failure.
/// </summary>
public sealed class DatabaseUnavailableException(Exception cause)
    : Exception("The database could not be reached: " + cause.Message, cause);
