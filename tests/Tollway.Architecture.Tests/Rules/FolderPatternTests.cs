namespace Tollway.Architecture.Tests.Rules;

/// <summary>Folder patterns, where <c>*</c> stands for any run of characters.</summary>
public sealed class FolderPatternTests
{
    [Theory]
    [InlineData("*/Ledger", "Tollway.Gateway/Ledger", true)]
    [InlineData("*/Ledger", "Tollway.Gateway/LedgerX", false)]
    [InlineData("*/Ledger", "Tollway.Gateway/Money/Ledger", true)]
    [InlineData("Tollway.Storage.*", "Tollway.Storage.Sqlite", true)]
    [InlineData("Tollway.Chain*", "Tollway.Chain/Deposits", true)]
    [InlineData("Tollway.Chain*", "Tollway.Gateway/Deposits", false)]
    [InlineData("Tollway.Gateway/Proxy", "Tollway.Gateway/Proxy", true)]
    public void Matches_Folder_FollowsTheStars(string pattern, string folder, bool matches) =>
        Assert.Equal(matches, FolderPattern.Matches(pattern, folder));
}
