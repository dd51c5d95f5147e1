using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Tests.Access.Keys;

namespace Tollway.Gateway.Tests.Access.Accounts;

/// <summary>An <see cref="IAccountStore"/> in memory; the first-account insert writes the admin key into the paired
/// key store under the same lock, as the SQLite store does in one transaction.</summary>
internal sealed class InMemoryAccountStore(InMemoryApiKeyStore keys) : IAccountStore
{
    private readonly Lock _lock = new();
    private readonly List<Account> _accounts = [];

    public int FirstAccountAttempts { get; private set; }

    public Task InsertAsync(Account account, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _accounts.Add(account);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<Account> accounts = [.. _accounts];
            return Task.FromResult(accounts);
        }
    }

    public Task<Account?> FindAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_accounts.Find(a => a.Id == id));
        }
    }

    public async Task<bool> InsertFirstAccountAsync(Account account, ApiKeyRecord adminKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            FirstAccountAttempts++;
            if (_accounts.Count > 0)
            {
                return false;
            }

            _accounts.Add(account);
        }

        await keys.InsertAsync(adminKey, cancellationToken);
        return true;
    }
}
