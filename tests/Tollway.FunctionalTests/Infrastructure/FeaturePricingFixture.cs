namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// <see cref="PromptBoundsFixture"/>'s models, and some with prices for the features billed apart from tokens:
/// <c>priority-gpt</c> (as <c>bounded-gpt</c>, with a priority tier at twice its rates: input $2/M, output $4/M),
/// <c>priced-claude</c> (as <c>bounded-claude</c>, with 1-hour cache writes at $6/M and web searches at $10 per 1,000),
/// <c>audio-gemini</c> (as <c>bounded-gemini</c>, with audio input at $3/M), <c>audio-gpt</c> (upstream
/// <c>gpt-4o-audio-preview</c>, input $1/M, output $2/M, audio $4/M), <c>search-gpt</c> (upstream
/// <c>gpt-4o-search-preview</c>, which searches on every request, as <c>bounded-gpt</c> with searches at $30 per 1,000),
/// <c>sonar</c> (the <c>perplexity</c> preset, input and output $1/M, searches at $12 per 1,000), <c>router-llama</c>
/// and <c>router-online</c> (the <c>openrouter</c> preset, upstream <c>meta-llama/llama-3.3-70b-instruct</c> and its
/// <c>:online</c> variant, input $1/M, output $2/M, web results at $4 per 1,000) and <c>fee-gpt</c> (as
/// <c>bounded-gpt</c> with a fee of $0.01 a request); <c>unpriced-search-gpt</c>, <c>unpriced-sonar</c> (with the $0.012
/// request fee Perplexity's models once shipped as their search price) and <c>unpriced-online</c> search on every request
/// and have no search price. Every preset's provider is the fake upstream. A request with
/// server tools is held for <see cref="ServerToolIterations"/> sampling steps.
/// </summary>
public sealed class FeaturePricingFixture : PromptBoundsFixture
{
    public const int ServerToolIterations = 3;

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Billing:ServerToolIterations"] = ServerToolIterations.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (provider, preset) in new[] { ("perplexity-fake", "perplexity"), ("router-fake", "openrouter") })
        {
            configuration[$"Providers:{provider}:Preset"] = preset;
            configuration[$"Providers:{provider}:BaseUrl"] = Upstream.BaseUrl.ToString();
            configuration[$"Providers:{provider}:ApiKey"] = UpstreamApiKey;
        }

        AddModel(configuration, "priority-gpt", "fake", "gpt-4o", ("Input", "1"), ("Output", "2"), ("PriorityInput", "2"), ("PriorityOutput", "4"));
        AddModel(
            configuration, "priced-claude", "claude-native", "claude-sonnet-4-5",
            ("Input", "3"), ("CacheWrite", "3.75"), ("CacheWrite1h", "6"), ("Output", "15"), ("WebSearch", "10"));
        AddModel(configuration, "audio-gemini", "gemini-native", "gemini-2.5-flash", ("Input", "1"), ("Output", "2"), ("InputAudio", "3"));
        AddModel(configuration, "audio-gpt", "fake", "gpt-4o-audio-preview", ("Input", "1"), ("Output", "2"), ("InputAudio", "4"));
        AddModel(configuration, "search-gpt", "fake", "gpt-4o-search-preview", ("Input", "1"), ("Output", "2"), ("WebSearch", "30"));
        AddModel(configuration, "sonar", "perplexity-fake", "sonar", ("Input", "1"), ("Output", "1"), ("WebSearch", "12"));
        AddModel(configuration, "router-llama", "router-fake", "meta-llama/llama-3.3-70b-instruct", ("Input", "1"), ("Output", "2"), ("WebSearch", "4"));
        AddModel(configuration, "router-online", "router-fake", "meta-llama/llama-3.3-70b-instruct:online", ("Input", "1"), ("Output", "2"), ("WebSearch", "4"));
        AddModel(configuration, "fee-gpt", "fake", "gpt-4o", ("Input", "1"), ("Output", "2"), ("Request", "0.01"));
        AddModel(configuration, "unpriced-search-gpt", "fake", "gpt-4o-mini-search-preview", ("Input", "1"), ("Output", "2"));
        AddModel(configuration, "unpriced-sonar", "perplexity-fake", "sonar", ("Input", "1"), ("Output", "1"), ("Request", "0.012"));
        AddModel(configuration, "unpriced-online", "router-fake", "meta-llama/llama-3.3-70b-instruct:online", ("Input", "1"), ("Output", "2"));
        return configuration;
    }
}
