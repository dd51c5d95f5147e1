using Tollway.Chain.Rpc;

namespace Tollway.Chain.Tests.Rpc;

public sealed class LogFilterTests
{
    private const string Token = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private const string Transfer = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    private static readonly string Treasury = "0x" + new string('0', 24) + new string('7', 40);
    private static readonly LogFilter Filter = new(10, 20, [Token], [[Transfer], null, [Treasury]]);

    [Fact]
    public void Matches_TransferToTheTreasuryInRange_Matches()
    {
        Assert.True(Filter.Matches(Log()));
        Assert.True(Filter.Matches(Log() with { Address = Token.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal) }));
    }

    [Fact]
    public void Matches_AnythingElse_DoesNot()
    {
        Assert.False(Filter.Matches(Log() with { BlockNumber = 9 }));
        Assert.False(Filter.Matches(Log() with { BlockNumber = 21 }));
        Assert.False(Filter.Matches(Log() with { Address = "0x" + new string('1', 40) }));
        Assert.False(Filter.Matches(Log() with { Topics = [Transfer, Treasury, "0x" + new string('0', 64)] }));
        Assert.False(Filter.Matches(Log() with { Topics = [Transfer] }));
    }

    private static RpcLog Log() =>
        new(Token, [Transfer, "0x" + new string('0', 64), Treasury], "0x" + new string('0', 64), 15, "0x" + new string('b', 64), "0x" + new string('c', 64), 3, false);
}
