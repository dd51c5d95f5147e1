using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Gateway.Tests.Platform.Configuration;

public sealed class OptionsSectionRegistrationTests
{
    [Fact]
    public void TryAddOptionsSection_SecondTime_IsRefusedAndBindsTheSectionOnce()
    {
        var services = Services(new() { ["Sample:Items:0"] = "a" });

        var first = services.TryAddOptionsSection<SampleOptions, SampleValidator>("Sample", static (options, section) => options.BindConfiguration(section));
        var second = services.TryAddOptionsSection<SampleOptions, SampleValidator>("Sample", static (options, section) => options.BindConfiguration(section));

        using var provider = services.BuildServiceProvider();
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(["a"], provider.GetRequiredService<IOptions<SampleOptions>>().Value.Items);
        Assert.Equal("Sample", Assert.Single(provider.GetServices<OptionsSection>()).Name);
    }

    [Fact]
    public void BoundOptions_OptionsTheirValidatorRefuses_AreReadAsBound()
    {
        var services = Services(new() { ["Sample:Items:0"] = "bad" });
        services.TryAddOptionsSection<SampleOptions, SampleValidator>("Sample", static (options, section) => options.BindConfiguration(section));

        using var provider = services.BuildServiceProvider();

        Assert.Equal(["bad"], provider.GetRequiredService<BoundOptions<SampleOptions>>().Value.Items);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SampleOptions>>().Value);
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }

    /// <summary>An area's options, for these tests.</summary>
    public sealed class SampleOptions
    {
        public List<string> Items { get; set; } = [];
    }

    /// <summary>Refuses the item <c>bad</c>.</summary>
    public sealed class SampleValidator : IValidateOptions<SampleOptions>
    {
        public ValidateOptionsResult Validate(string? name, SampleOptions options) =>
            options.Items.Contains("bad") ? ValidateOptionsResult.Fail("Sample:Items: bad") : ValidateOptionsResult.Success;
    }
}
