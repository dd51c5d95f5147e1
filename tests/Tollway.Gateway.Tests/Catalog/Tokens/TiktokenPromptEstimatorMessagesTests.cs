using System.Text;
using Tollway.Gateway.Catalog.Tokens;

namespace Tollway.Gateway.Tests.Catalog.Tokens;

/// <summary>An Anthropic Messages body counted as an Anthropic provider gets it (see <c>AnthropicPromptCounter</c>).</summary>
public sealed class TiktokenPromptEstimatorMessagesTests
{
    private const string Model = "claude-sonnet-4-5";

    private const string Text = """{"type":"text","text":"Summarise this, please."}""";

    private const string Image = """{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"}}""";

    private static readonly TiktokenPromptEstimator Estimator = new();

    [Fact]
    public void EstimateMessagesPromptTokens_Text_CountsAtLeastItsBytesAndIsMeasured()
    {
        const string text = "The quick brown fox jumps over the lazy dog. お誕生日おめでとう 👋";
        var estimate = Estimate($$"""{"model":"m","max_tokens":10,"system":"Be brief.","messages":[{"role":"user","content":"{{text}}"}]}""");

        Assert.False(estimate.Unmeasured);
        Assert.True(estimate.Tokens >= Encoding.UTF8.GetByteCount(text + "Be brief."));
    }

    [Theory]
    [InlineData("""{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjcKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURlY29kZT4+"}""")]
    [InlineData("""{"type":"url","url":"https://example.com/annual-report.pdf"}""")]
    [InlineData("""{"type":"file","file_id":"file_011CNha8iCJcU1wXNR6q4V8w"}""")]
    [InlineData("""{"media_type":"application/pdf","data":"JVBERi0xLjcK"}""")]
    public void EstimateMessagesPromptTokens_DocumentByDataUrlOrFile_IsUnmeasured(string source) =>
        Assert.True(Estimate(Body($$"""[{"type":"document","source":{{source}}},{{Text}}]""")).Unmeasured);

    [Fact]
    public void EstimateMessagesPromptTokens_TextDocument_CountsItsText()
    {
        var text = string.Join(' ', Enumerable.Repeat("clause", 2_000));
        var estimate = Estimate(Body($$"""[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"{{text}}"},"title":"Terms"},{{Text}}]"""));

        Assert.False(estimate.Unmeasured);
        Assert.True(estimate.Tokens >= text.Length);
    }

    [Fact]
    public void EstimateMessagesPromptTokens_ContentDocument_CountsItsBlocks()
    {
        var estimate = Estimate(Body($$$"""[{"type":"document","source":{"type":"content","content":[{{{Text}}},{{{Image}}}]}}]"""));

        Assert.False(estimate.Unmeasured);
        Assert.True(estimate.Tokens >= 16_384);
    }

    [Fact]
    public void EstimateMessagesPromptTokens_ImageInToolResult_AddsTheImageAllowance()
    {
        var withText = Estimate(ToolResult(Text));
        var withImage = Estimate(ToolResult(Text + "," + Image));

        Assert.False(withImage.Unmeasured);
        Assert.True(withImage.Tokens - withText.Tokens >= 16_384);
    }

    [Fact]
    public void EstimateMessagesPromptTokens_DocumentInToolResult_IsUnmeasured() =>
        Assert.True(Estimate(ToolResult("""{"type":"document","source":{"type":"url","url":"https://example.com/a.pdf"}}""")).Unmeasured);

    [Theory]
    [InlineData("""{"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}""", false)]
    [InlineData("""{"type":"image","source":{"type":"file","file_id":"file_011"}}""", false)]
    [InlineData("""{"type":"image","source":{"type":"base64","media_type":"video/mp4","data":"AAAA"}}""", true)]
    [InlineData("""{"type":"image","type":"document","source":{"type":"url","url":"https://example.com/cat.jpg"}}""", true)]
    public void EstimateMessagesPromptTokens_Image_IsBoundedOnlyWhenItCanOnlyBeAnImage(string block, bool unmeasured)
    {
        var estimate = Estimate(Body($"[{block}]"));

        Assert.Equal(unmeasured, estimate.Unmeasured);
        Assert.True(unmeasured || estimate.Tokens >= 16_384);
    }

    [Fact]
    public void EstimateMessagesPromptTokens_EarlierWebSearchResults_AreUnmeasured() =>
        Assert.True(Estimate("""
            {"model":"m","max_tokens":10,"messages":[
              {"role":"user","content":"News?"},
              {"role":"assistant","content":[{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"news"}},
                {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[{"type":"web_search_result","url":"https://example.com","title":"Example","encrypted_content":"EqgfCioIARgBIiQ3YTAwMjY1Mi"}]}]},
              {"role":"user","content":"More?"}]}
            """).Unmeasured);

    [Fact]
    public void EstimateMessagesPromptTokens_McpServers_AreUnmeasured() =>
        Assert.True(Estimate("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"mcp_servers":[{"type":"url","url":"https://mcp.example.com/sse","name":"example"}]}""").Unmeasured);

    [Fact]
    public void EstimateMessagesPromptTokens_ThinkingAndToolUse_AreCounted()
    {
        const string thinking = "Let me think about the weather in Paris before calling the tool.";
        const string signature = "EuYBCkQYAiJAgCs1le6/Pol5Z4/JMomVOouGrWdhYNsH3ukzUECbB6iWrSQtsQuRHJID6lWV";
        var estimate = Estimate($$$"""
            {"model":"m","max_tokens":10,"messages":[
              {"role":"user","content":"Weather?"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"{{{thinking}}}","signature":"{{{signature}}}"},
                {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Paris","unit":"celsius"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18°C and sunny"}]}]}
            """);

        Assert.True(estimate.Tokens >= Encoding.UTF8.GetByteCount(thinking + signature + "get_weather" + """{"location":"Paris","unit":"celsius"}""" + "18°C and sunny"));
    }

    [Fact]
    public void EstimateMessagesPromptTokens_Tools_CountTheirJsonTheToolPromptAndClientToolOverheads()
    {
        const string weather = """{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}""";
        var none = Estimate(Body($"[{Text}]"));
        var custom = Estimate(Body($"[{Text}]", $"[{weather}]"));
        var withComputer = Estimate(Body($"[{Text}]", $$"""[{{weather}},{"type":"computer_20250124","name":"computer","display_width_px":1024,"display_height_px":768}]"""));

        Assert.Equal(weather.Length + ModelFamilies.Claude.ToolsAllowance, custom.Tokens - none.Tokens);
        Assert.True(withComputer.Tokens - custom.Tokens >= 735 + 499);
    }

    [Fact]
    public void EstimateMessagesPromptTokens_Settings_AreNotCountedButOtherMembersAre()
    {
        var plain = Estimate(Body($"[{Text}]"));
        var withSettings = Estimate($$"""{"model":"m","max_tokens":10,"temperature":0.2,"stop_sequences":["END"],"metadata":{"user_id":"u"},"messages":[{"role":"user","content":[{{Text}}]}]}""");
        var withFormat = Estimate($$$"""{"model":"m","max_tokens":10,"output_format":{"type":"json_schema","schema":{"type":"object"}},"messages":[{"role":"user","content":[{{{Text}}}]}]}""");

        Assert.Equal(plain.Tokens, withSettings.Tokens);
        Assert.True(withFormat.Tokens - plain.Tokens >= """{"type":"json_schema","schema":{"type":"object"}}""".Length);
    }

    [Fact]
    public void EstimateMessagesPromptTokens_NotJson_CountsItsBytes()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"model":"m","messages":[""");

        Assert.Equal(bytes.Length, Estimator.EstimateMessagesPromptTokens(bytes, Model).Tokens);
    }

    private static string Body(string content, string? tools = null) =>
        $$"""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":{{content}}}]{{(tools is null ? "" : $",\"tools\":{tools}")}}}""";

    private static string ToolResult(string resultContent) => $$$"""
        {"model":"m","max_tokens":10,"messages":[
          {"role":"user","content":"Take a screenshot."},
          {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"screenshot","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{{{resultContent}}}]}]}]}
        """;

    private static PromptEstimate Estimate(string body) => Estimator.EstimateMessagesPromptTokens(Encoding.UTF8.GetBytes(body), Model);
}
