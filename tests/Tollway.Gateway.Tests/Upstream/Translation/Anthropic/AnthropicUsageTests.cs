using System.Text.Json;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Upstream.Translation.Anthropic;

/// <summary>Anthropic's usage, with the 1-hour cache writes and web searches it itemizes.</summary>
public sealed class AnthropicUsageTests
{
    private const string Usage = """
        {"input_tokens":50,"cache_creation_input_tokens":1000,"cache_read_input_tokens":200,"output_tokens":30,
         "cache_creation":{"ephemeral_5m_input_tokens":400,"ephemeral_1h_input_tokens":600},
         "server_tool_use":{"web_search_requests":3,"web_fetch_requests":1},"service_tier":"standard"}
        """;

    [Fact]
    public void Read_ItemizedUsage_CarriesTheHourWritesAndTheSearches()
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(Usage));
        reader.Read();
        var usage = new AnthropicUsage();

        usage.Read(ref reader);

        Assert.Equal(new TokenUsage(1250, 30, 200, 0, 1000, CacheWrite1hTokens: 600, WebSearches: 3), usage.ToTokenUsage());
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
    }

    [Fact]
    public void From_ItemizedUsage_CarriesTheHourWritesAndTheSearches()
    {
        using var document = JsonDocument.Parse(Usage);

        Assert.Equal(new TokenUsage(1250, 30, 200, 0, 1000, CacheWrite1hTokens: 600, WebSearches: 3), AnthropicUsage.From(document.RootElement).ToTokenUsage());
    }

    [Fact]
    public void ToTokenUsage_UsageThatDoesNotItemize_LeavesThemUnknown()
    {
        using var document = JsonDocument.Parse("""{"input_tokens":50,"cache_creation_input_tokens":1000,"output_tokens":30}""");

        var usage = AnthropicUsage.From(document.RootElement).ToTokenUsage();

        Assert.Null(usage.CacheWrite1hTokens);
        Assert.Null(usage.WebSearches);
    }

    [Fact]
    public void MergeFrom_StreamedPieces_KeepsTheStartsWritesAndTheDeltasSearches()
    {
        var start = AnthropicUsage.From(JsonDocument.Parse("""{"input_tokens":50,"cache_creation_input_tokens":1000,"output_tokens":1,"cache_creation":{"ephemeral_1h_input_tokens":1000}}""").RootElement);
        var delta = AnthropicUsage.From(JsonDocument.Parse("""{"output_tokens":30,"server_tool_use":{"web_search_requests":2}}""").RootElement);

        start.MergeFrom(delta);

        Assert.Equal(new TokenUsage(1050, 30, 0, 0, 1000, CacheWrite1hTokens: 1000, WebSearches: 2), start.ToTokenUsage());
    }
}
