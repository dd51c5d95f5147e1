using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Access.Accounts;

/// <summary>A key just created: the only moment its plaintext exists outside the caller's hands.</summary>
public sealed record CreatedApiKey(ApiKeyRecord Record, string PlaintextKey);
