namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// The gateway in front of the fake upstream speaking three dialects: <c>claude</c> (the <c>anthropic</c> preset, native
/// Messages API, upstream <c>claude-sonnet-4-5</c>), <c>gemini</c> (the <c>gemini</c> preset, native, upstream
/// <c>gemini-2.5-flash</c>) and <c>gpt-same</c> (OpenAI format), all three at the same prices — input $3/M, cached input
/// $0.30/M, cache writes $3.75/M, output $15/M — so the same usage must cost the same through each. <c>gemini-embed</c>
/// embeds through Gemini; <c>claude-first</c> and <c>gemini-first</c> try the native provider, then the OpenAI one.
/// </summary>
public sealed class NativeProvidersFixture : GatewayFixture
{
    public const string AnthropicApiKey = "sk-ant-SECRET-0b9d71";

    public const string GeminiApiKey = "AIza-SECRET-6e02f4";

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Routing:MaxAttempts"] = "2";
        configuration["Routing:BackoffBase"] = "00:00:00.010";
        configuration["Providers:claude-native:Preset"] = "anthropic";
        configuration["Providers:claude-native:BaseUrl"] = Upstream.BaseUrl.ToString();
        configuration["Providers:claude-native:ApiKey"] = AnthropicApiKey;
        configuration["Providers:gemini-native:Preset"] = "gemini";
        configuration["Providers:gemini-native:BaseUrl"] = Upstream.GeminiBaseUrl.ToString();
        configuration["Providers:gemini-native:ApiKey"] = GeminiApiKey;
        AddModel(configuration, "claude", ("claude-native", "claude-sonnet-4-5"));
        AddModel(configuration, "gemini", ("gemini-native", "gemini-2.5-flash"));
        AddModel(configuration, "gpt-same", ("fake", "gpt-same"));
        AddModel(configuration, "claude-first", ("claude-native", "claude-sonnet-4-5"), ("fake", "gpt-same"));
        AddModel(configuration, "gemini-first", ("gemini-native", "gemini-2.5-flash"), ("fake", "gpt-same"));
        configuration["Models:gemini-embed:Type"] = "embedding";
        configuration["Models:gemini-embed:Endpoints:0:Provider"] = "gemini-native";
        configuration["Models:gemini-embed:Endpoints:0:Model"] = "gemini-embedding-001";
        configuration["Models:gemini-embed:Endpoints:0:Pricing:Input"] = "0.15";
        configuration["Models:gemini-embed:Endpoints:0:Pricing:Output"] = "0";
        return configuration;
    }

    private static void AddModel(Dictionary<string, string?> configuration, string model, params (string Provider, string Upstream)[] endpoints)
    {
        configuration[$"Models:{model}:Strategy"] = "ordered";
        for (var i = 0; i < endpoints.Length; i++)
        {
            var prefix = $"Models:{model}:Endpoints:{i}:";
            configuration[prefix + "Provider"] = endpoints[i].Provider;
            configuration[prefix + "Model"] = endpoints[i].Upstream;
            configuration[prefix + "MaxOutputTokens"] = "8192";
            configuration[prefix + "Pricing:Input"] = "3";
            configuration[prefix + "Pricing:CachedInput"] = "0.30";
            configuration[prefix + "Pricing:CacheWrite"] = "3.75";
            configuration[prefix + "Pricing:Output"] = "15";
        }
    }
}
