using Tollway.Gateway.Access.Keys;

namespace Tollway.Chain.Accounts;

/// <summary>
/// Who calls the account API: a wallet session (<see cref="Key"/> is <see langword="null"/>), which acts for its whole
/// account, or one of the account's API keys, which acts within its own role and restrictions, and has
/// <see cref="Makers"/> keys above it.
/// </summary>
internal sealed record AccountCaller(string AccountId, ApiKeyRecord? Key, int Makers = 0)
{
    /// <summary>Whether the caller may list, make and revoke the account's keys.</summary>
    public bool MayManageKeys => Key is null || Key.ManagesItsAccount;

    /// <summary>The most a key the caller makes may have.</summary>
    public KeyCeiling Ceiling => Key is null ? KeyCeiling.None : KeyCeiling.Of(Key, Makers);
}
