using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Gateway.Access.Accounts;

/// <summary>The operator's actions on accounts and keys, shared by the admin API and the command line.</summary>
public sealed class AccountAdministration(
    IAccountStore accounts,
    IApiKeyStore keys,
    ApiKeyCache cache,
    TimeProvider timeProvider)
{
    /// <summary>The name of the account the first start creates.</summary>
    public const string OperatorAccountName = "operator";

    /// <summary>Creates an account.</summary>
    public async Task<Account> CreateAccountAsync(string name, CancellationToken cancellationToken)
    {
        var account = new Account(RandomIds.New(Account.IdPrefix), name, timeProvider.GetUtcNow());
        await accounts.InsertAsync(account, cancellationToken);
        return account;
    }

    /// <summary>Every account.</summary>
    public Task<IReadOnlyList<Account>> ListAccountsAsync(CancellationToken cancellationToken) => accounts.ListAsync(cancellationToken);

    /// <summary>Creates a key without limits for an existing account; <see langword="null"/> when the account does not exist.</summary>
    public Task<CreatedApiKey?> CreateKeyAsync(
        string accountId, string name, ApiKeyRole role, IReadOnlyList<string>? allowedModels, CancellationToken cancellationToken) =>
        CreateKeyAsync(accountId, name, role, allowedModels, limits: null, cancellationToken);

    /// <summary>Creates a key for an existing account, its limits in the same write (so it never exists without them);
    /// <see langword="null"/> when the account does not exist.</summary>
    public Task<CreatedApiKey?> CreateKeyAsync(
        string accountId, string name, ApiKeyRole role, IReadOnlyList<string>? allowedModels, KeyLimits? limits, CancellationToken cancellationToken) =>
        CreateKeyAsync(accountId, name, role, allowedModels, limits, makerId: null, cancellationToken);

    /// <summary>Creates a key as above, made by the key <paramref name="makerId"/> through the account API (or by no key:
    /// a wallet session, the admin API, the CLI); <see langword="null"/> when the account does not exist or the maker has
    /// been revoked meanwhile.</summary>
    public async Task<CreatedApiKey?> CreateKeyAsync(
        string accountId, string name, ApiKeyRole role, IReadOnlyList<string>? allowedModels, KeyLimits? limits, string? makerId,
        CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(accountId, cancellationToken) is null)
        {
            return null;
        }

        var created = NewKey(accountId, name, role, allowedModels, limits, makerId);
        if (!await keys.InsertAsync(created.Record, cancellationToken))
        {
            return null;
        }

        cache.ApplyLocal(created.Record);
        return created;
    }

    /// <summary>Keys of one account or of all.</summary>
    public Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(string? accountId, CancellationToken cancellationToken) =>
        keys.ListAsync(accountId, cancellationToken);

    /// <summary>Revokes a key, and every key made under it, everywhere; on this node at once (the keys under it stop with
    /// their maker, see <see cref="ApiKeyCache.MakersOf"/>). <see langword="null"/> when there is no such key.</summary>
    public async Task<ApiKeyRecord?> RevokeKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeAsync(keyId, timeProvider.GetUtcNow(), cancellationToken);
        if (revoked is not null)
        {
            cache.ApplyLocal(revoked);
        }

        return revoked;
    }

    /// <summary>On an empty database, creates the operator account and its admin key; returns the key, or
    /// <see langword="null"/> when the database already had an account.</summary>
    public async Task<CreatedApiKey?> BootstrapOperatorAsync(CancellationToken cancellationToken)
    {
        var account = new Account(RandomIds.New(Account.IdPrefix), OperatorAccountName, timeProvider.GetUtcNow());
        var created = NewKey(account.Id, "operator admin key", ApiKeyRole.Admin, allowedModels: null);
        if (!await accounts.InsertFirstAccountAsync(account, created.Record, cancellationToken))
        {
            return null;
        }

        cache.ApplyLocal(created.Record);
        return created;
    }

    private CreatedApiKey NewKey(
        string accountId, string name, ApiKeyRole role, IReadOnlyList<string>? allowedModels, KeyLimits? limits = null, string? makerId = null)
    {
        var plaintext = ApiKeyFormat.Generate();
        var record = new ApiKeyRecord(
            RandomIds.New(ApiKeyRecord.IdPrefix),
            accountId,
            name,
            KeyHash.Compute(plaintext),
            ApiKeyFormat.LastFour(plaintext),
            role,
            ApiKeyRecord.AllowedModelsFrom(allowedModels),
            timeProvider.GetUtcNow(),
            Limits: limits == KeyLimits.None ? null : limits,
            MakerId: makerId);
        return new CreatedApiKey(record, plaintext);
    }
}
