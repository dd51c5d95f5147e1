namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// Models with a context window of <see cref="ContextWindow"/> tokens, which bounds a prompt the gateway cannot measure,
/// and no price for any feature billed apart from tokens: <c>bounded-gpt</c> (the fake OpenAI upstream, upstream
/// <c>gpt-4o</c>, input $1/M, output $2/M), <c>unbounded-gpt</c> (the same with no context window declared),
/// <c>bounded-claude</c> (the <c>anthropic</c> preset, native, upstream <c>claude-sonnet-4-5</c>, input $3/M, cache
/// writes $3.75/M, output $15/M) and <c>bounded-gemini</c> (the <c>gemini</c> preset, native, upstream
/// <c>gemini-2.5-flash</c>, input $1/M, output $2/M).
/// </summary>
public class PromptBoundsFixture : GatewayFixture
{
    public const int ContextWindow = 100_000;

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Providers:claude-native:Preset"] = "anthropic";
        configuration["Providers:claude-native:BaseUrl"] = Upstream.BaseUrl.ToString();
        configuration["Providers:claude-native:ApiKey"] = NativeProvidersFixture.AnthropicApiKey;
        configuration["Providers:gemini-native:Preset"] = "gemini";
        configuration["Providers:gemini-native:BaseUrl"] = Upstream.GeminiBaseUrl.ToString();
        configuration["Providers:gemini-native:ApiKey"] = NativeProvidersFixture.GeminiApiKey;
        AddModel(configuration, "bounded-gpt", "fake", "gpt-4o", ("Input", "1"), ("Output", "2"));
        AddModel(configuration, "unbounded-gpt", "fake", "gpt-4o", ("Input", "1"), ("Output", "2"));
        configuration.Remove("Models:unbounded-gpt:Endpoints:0:ContextLength");
        AddModel(configuration, "bounded-claude", "claude-native", "claude-sonnet-4-5", ("Input", "3"), ("CacheWrite", "3.75"), ("Output", "15"));
        AddModel(configuration, "bounded-gemini", "gemini-native", "gemini-2.5-flash", ("Input", "1"), ("Output", "2"));
        return configuration;
    }

    /// <summary>A model with one endpoint of <see cref="ContextWindow"/> tokens and at most 1,000 of output.</summary>
    protected static void AddModel(
        Dictionary<string, string?> configuration, string model, string provider, string upstream, params (string Key, string Usd)[] prices)
    {
        var prefix = $"Models:{model}:Endpoints:0:";
        configuration[prefix + "Provider"] = provider;
        configuration[prefix + "Model"] = upstream;
        configuration[prefix + "ContextLength"] = ContextWindow.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration[prefix + "MaxOutputTokens"] = "1000";
        foreach (var (key, usd) in prices)
        {
            configuration[prefix + "Pricing:" + key] = usd;
        }
    }
}
