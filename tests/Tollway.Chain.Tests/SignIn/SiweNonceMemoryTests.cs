using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Chain.SignIn;

namespace Tollway.Chain.Tests.SignIn;

/// <summary>
/// What issuing nonces keeps, measured on the managed heap; alone, so no other test's objects count. (Before nonces were
/// signed, each was kept in memory, and past 100,000 outstanding every issue walked them all: 200,000 did not finish.)
/// </summary>
[Collection(nameof(SiweNonceMemoryTests))]
[CollectionDefinition(nameof(SiweNonceMemoryTests), DisableParallelization = true)]
public sealed class SiweNonceMemoryTests
{
    private const int Issued = 200_000;

    [Fact]
    public void Issue_200000Nonces_KeepsNothing()
    {
        var options = Options.Create(new SignInOptions());
        var used = new InMemoryUsedSignInNonceStore();
        var nonces = new SiweNonces(new SignInSecret(options), used, options, new FakeTimeProvider());
        nonces.Issue();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < Issued; i++)
        {
            nonces.Issue();
        }

        var kept = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(nonces);
        TestContext.Current.TestOutputHelper?.WriteLine($"Issuing {Issued:N0} nonces kept {kept:N0} bytes.");
        // A nonce kept anywhere costs at least its own text (over 50 bytes): 200,000 of them would be 10 MB. Under 1 MB
        // is what a full collection leaves as noise.
        Assert.True(kept < 1_000_000, $"Issuing {Issued:N0} nonces kept {kept:N0} bytes.");
        Assert.Equal(0, used.Calls);
    }
}
