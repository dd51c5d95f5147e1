using Tollway.Gateway.Api.Health;

namespace Tollway.Gateway.Tests.Api.Health;

public sealed class HealthOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new HealthOptionsValidator().Validate(null, new HealthOptions()).Succeeded);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("01:00:00.001")]
    public void Validate_MaxChargeWaitNotPositiveOrOverAnHour_FailsNamingTheKey(string wait)
    {
        var result = new HealthOptionsValidator().Validate(null, new HealthOptions { MaxChargeWait = TimeSpan.Parse(wait, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Equal("Health:MaxChargeWait: must be more than 0 and at most 01:00:00", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_AnHour_Succeeds()
    {
        Assert.True(new HealthOptionsValidator().Validate(null, new HealthOptions { MaxChargeWait = TimeSpan.FromHours(1) }).Succeeded);
    }
}
