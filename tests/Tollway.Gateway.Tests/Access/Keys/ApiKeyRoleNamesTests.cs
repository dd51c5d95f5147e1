using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Tests.Access.Keys;

public sealed class ApiKeyRoleNamesTests
{
    [Theory]
    [InlineData(null, ApiKeyRole.Inference)]
    [InlineData("", ApiKeyRole.Inference)]
    [InlineData("inference", ApiKeyRole.Inference)]
    [InlineData("user", ApiKeyRole.Inference)]
    [InlineData(" Management ", ApiKeyRole.AccountManagement)]
    [InlineData("ADMIN", ApiKeyRole.Admin)]
    public void TryParse_KnownNameOrNone_ReadsTheRole(string? text, ApiKeyRole expected)
    {
        Assert.True(ApiKeyRoleNames.TryParse(text, out var role));
        Assert.Equal(expected, role);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("account")]
    public void TryParse_UnknownName_Fails(string text) => Assert.False(ApiKeyRoleNames.TryParse(text, out _));

    [Fact]
    public void Of_EveryRole_ParsesBackToItself()
    {
        foreach (var role in Enum.GetValues<ApiKeyRole>())
        {
            Assert.True(ApiKeyRoleNames.TryParse(ApiKeyRoleNames.Of(role), out var parsed));
            Assert.Equal(role, parsed);
        }
    }
}
