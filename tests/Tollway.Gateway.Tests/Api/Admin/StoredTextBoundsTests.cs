using Tollway.Gateway.Api.Admin;

namespace Tollway.Gateway.Tests.Api.Admin;

public sealed class StoredTextBoundsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void FindOversizedKeyField_AModelListWithAnEmptyOrNullId_NamesAllowedModels(string? id) =>
        Assert.Equal("allowed_models", StoredTextBounds.FindOversizedKeyField("k", ["gpt-4o-mini", id!]));

    [Fact]
    public void FindOversizedKeyField_NoNameNoModels_FindsNothing() =>
        Assert.Null(StoredTextBounds.FindOversizedKeyField(null, null));

    [Theory]
    [InlineData(1024, 256, null)]
    [InlineData(1025, 1, "reason")]
    [InlineData(1, 257, "idempotency_key")]
    public void FindOversizedMovementField_EachBound_IsTight(int reasonLength, int keyLength, string? field) =>
        Assert.Equal(field, StoredTextBounds.FindOversizedMovementField(new string('r', reasonLength), new string('k', keyLength)));
}
