using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Access.Accounts;

/// <summary>Persistence of accounts.</summary>
public interface IAccountStore
{
    /// <summary>Stores a new account.</summary>
    Task InsertAsync(Account account, CancellationToken cancellationToken);

    /// <summary>Every account, oldest first.</summary>
    Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken);

    /// <summary>One account, or <see langword="null"/>.</summary>
    Task<Account?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates the operator account and its admin key in one transaction if, and only if, there is no
    /// account yet; returns whether it did. Several nodes starting at once create exactly one.</summary>
    Task<bool> InsertFirstAccountAsync(Account account, ApiKeyRecord adminKey, CancellationToken cancellationToken);
}
