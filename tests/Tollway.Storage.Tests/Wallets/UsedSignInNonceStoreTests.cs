using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Wallets;

/// <summary><see cref="Chain.Wallets.IUsedSignInNonceStore"/> on every backend: a nonce is used once across nodes, and the
/// store keeps a used nonce until its expiry is past the cutoff it is given, not longer.</summary>
public abstract class UsedSignInNonceStoreTests(StorageBackend backend) : StorageTests(backend)
{
    [Fact]
    public async Task TryUseAsync_NewNonce_IsUsedOnceWhicheverNodeIsAsked()
    {
        var nonce = NewNonce();

        Assert.True(await Node.SignInNonces.TryUseAsync(nonce, Start.AddMinutes(10), Start, Ct));
        Assert.False(await NewNode().SignInNonces.TryUseAsync(nonce, Start.AddMinutes(10), Start, Ct));
        Assert.False(await Node.SignInNonces.TryUseAsync(nonce, Start.AddMinutes(10), Start, Ct));
    }

    [Fact]
    public async Task TryUseAsync_SameNonceFromManyNodesAtOnce_ExactlyOneWins()
    {
        var nonce = NewNonce();
        var nodes = Enumerable.Range(0, 4).Select(_ => NewNode()).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => nodes[i % nodes.Length].SignInNonces.TryUseAsync(nonce, Start.AddMinutes(10), Start, Ct), Ct)));

        Assert.Equal(1, results.Count(won => won));
    }

    [Fact]
    public async Task TryUseAsync_NoncesExpiredBeforeTheCutoff_AreForgottenAndTheOthersKept()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        var (old, atCutoff, live) = (NewNonce(), NewNonce(), NewNonce());
        await node.SignInNonces.TryUseAsync(old, Start.AddMinutes(-1), Start.AddHours(-1), Ct);
        await node.SignInNonces.TryUseAsync(atCutoff, Start, Start.AddHours(-1), Ct);
        await node.SignInNonces.TryUseAsync(live, Start.AddMinutes(10), Start.AddHours(-1), Ct);

        Assert.True(await node.SignInNonces.TryUseAsync(NewNonce(), Start.AddMinutes(10), Start, Ct));

        Assert.Equal(3L, await database.CountAsync("used_signin_nonces", Ct));
        Assert.True(await node.SignInNonces.TryUseAsync(old, Start.AddMinutes(-1), Start, Ct), "an expired nonce's row is gone");
        Assert.False(await node.SignInNonces.TryUseAsync(atCutoff, Start, Start, Ct));
        Assert.False(await node.SignInNonces.TryUseAsync(live, Start.AddMinutes(10), Start, Ct));
    }

    private static string NewNonce() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(36));
}
