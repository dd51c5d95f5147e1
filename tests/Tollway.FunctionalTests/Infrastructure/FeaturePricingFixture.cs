namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// <see cref="PromptBoundsFixture"/>'s models, and two with prices for the features billed apart from tokens:
/// <c>priority-gpt</c> (as <c>bounded-gpt</c>, with a priority tier at twice its rates: input $2/M, output $4/M) and
/// <c>priced-claude</c> (as <c>bounded-claude</c>, with 1-hour cache writes at $6/M and web searches at $10 per 1,000).
/// A request with server tools is held for <see cref="ServerToolIterations"/> sampling steps.
/// </summary>
public sealed class FeaturePricingFixture : PromptBoundsFixture
{
    public const int ServerToolIterations = 3;

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Billing:ServerToolIterations"] = ServerToolIterations.ToString(System.Globalization.CultureInfo.InvariantCulture);
        AddModel(configuration, "priority-gpt", "fake", "gpt-4o", ("Input", "1"), ("Output", "2"), ("PriorityInput", "2"), ("PriorityOutput", "4"));
        AddModel(
            configuration, "priced-claude", "claude-native", "claude-sonnet-4-5",
            ("Input", "3"), ("CacheWrite", "3.75"), ("CacheWrite1h", "6"), ("Output", "15"), ("WebSearch", "10"));
        return configuration;
    }
}
