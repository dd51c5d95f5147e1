using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Tollway.Chain.Hosting;
using Tollway.Chain.SignIn;
using Tollway.Gateway.Platform.Storage;
using Tollway.Storage.Sqlite;

namespace Tollway.Chain.Tests.SignIn;

/// <summary>Nonces across gateway nodes that share a database and a sign-in secret, each node as the host registers it.</summary>
public sealed class SiweNoncesAcrossNodesTests : IAsyncDisposable
{
    private static readonly string SharedSecret = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), "tollway-chain-tests", Guid.NewGuid().ToString("N") + ".db");
    private readonly List<ServiceProvider> _nodes = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryUseAsync_NonceIssuedByAnotherNode_IsAcceptedOnceByEither()
    {
        var a = await NodeAsync(SharedSecret);
        var b = await NodeAsync(SharedSecret);
        var (nonce, _) = a.Issue();

        Assert.True(b.IsAuthentic(nonce));
        Assert.True(await b.TryUseAsync(nonce, Ct));
        Assert.False(await a.TryUseAsync(nonce, Ct));
        Assert.False(await b.TryUseAsync(nonce, Ct));
    }

    [Fact]
    public async Task TryUseAsync_OneNonceSentToBothNodesAtOnce_IsAcceptedExactlyOnce()
    {
        var nodes = new[] { await NodeAsync(SharedSecret), await NodeAsync(SharedSecret) };
        var (nonce, _) = nodes[0].Issue();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => nodes[i % 2].TryUseAsync(nonce, Ct), Ct)));

        Assert.Equal(1, results.Count(accepted => accepted));
    }

    [Fact]
    public async Task TryUseAsync_NodeWithAnotherSecret_RefusesTheNonce()
    {
        var (nonce, _) = (await NodeAsync(SharedSecret)).Issue();

        var stranger = await NodeAsync(Convert.ToBase64String(Enumerable.Repeat((byte)8, 32).ToArray()));

        Assert.False(await stranger.TryUseAsync(nonce, Ct));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databasePath);
    }

    /// <summary>A gateway node's nonces over the shared file (migrated on first use).</summary>
    private async Task<SiweNonces> NodeAsync(string secret)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { SqlitePath = _databasePath }));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SignInOptions { SessionSecret = secret }));
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddTollwaySqlite();
        services.AddTollwayChain();
        var provider = services.BuildServiceProvider();
        _nodes.Add(provider);
        Directory.CreateDirectory(Path.GetDirectoryName(_databasePath)!);
        await provider.GetRequiredService<IDatabaseMigrator>().MigrateAsync(Ct);
        return provider.GetRequiredService<SiweNonces>();
    }
}
