using System.Text.Json;
using Tollway.Gateway.Upstream.Translation.Anthropic;

namespace Tollway.Gateway.Tests.Upstream.Translation.Anthropic;

/// <summary>Server tools of a Messages request: what they may cost, and which ones cannot be billed.</summary>
public sealed class ServerToolsTests
{
    [Fact]
    public void Read_CustomAndClientTools_AreNotServerSide()
    {
        var (features, refusal) = Read("""[{"name":"get_weather","input_schema":{}},{"type":"custom","name":"f","input_schema":{}},{"type":"bash_20250124","name":"bash"},{"type":"text_editor_20250728","name":"str_replace_based_edit_tool"},{"type":"computer_20250124","name":"computer","display_width_px":1024,"display_height_px":768},{"type":"memory_20250818","name":"memory"}]""");

        Assert.Null(refusal);
        Assert.Equal(default, features);
    }

    [Fact]
    public void Read_WebSearches_AddUpTheirMaxUses()
    {
        var (features, refusal) = Read("""[{"type":"web_search_20250305","name":"web_search","max_uses":5},{"type":"web_search_20260209","name":"web_search_2","max_uses":3}]""");

        Assert.Null(refusal);
        Assert.Equal(8, features.MaxWebSearches);
        Assert.True(features.ServerSideTools);
    }

    [Fact]
    public void Read_RepeatedMaxUses_TakesTheLargest() =>
        Assert.Equal(100, Read("""[{"type":"web_search_20250305","name":"web_search","max_uses":1,"max_uses":100}]""").Features.MaxWebSearches);

    [Theory]
    [InlineData("""[{"type":"web_search_20250305","name":"web_search"}]""", "tools[0].max_uses")]
    [InlineData("""[{"name":"f","input_schema":{}},{"type":"web_search_20250305","name":"web_search","max_uses":0}]""", "tools[1].max_uses")]
    [InlineData("""[{"type":"web_search_20250305","name":"web_search","max_uses":"5"}]""", "tools[0].max_uses")]
    [InlineData("""[{"type":"code_execution_20250825","name":"code_execution"}]""", "tools[0]")]
    [InlineData("""[{"type":"tool_search_tool_regex_20251119","name":"tool_search"}]""", "tools[0]")]
    [InlineData("""[{"type":"custom","type":"code_execution_20250522","name":"x"}]""", "tools[0]")]
    public void Read_ToolThatCannotBeBilled_IsRefusedNamingIt(string tools, string param)
    {
        var refusal = Read(tools).Refusal;

        Assert.NotNull(refusal);
        Assert.Equal(400, refusal.Status);
        Assert.Equal(param, refusal.Param);
    }

    [Fact]
    public void Read_RepeatedToolsMembers_AreAllRead() =>
        Assert.Equal("tools[0]", Read("""{"tools":[{"type":"code_execution_20250825","name":"c"}],"tools":[]}""", whole: true).Refusal?.Param);

    [Theory]
    [InlineData("""[{"type":"web_fetch_20250910","name":"web_fetch","max_uses":3}]""")]
    [InlineData("""[{"type":"mcp_toolset","mcp_server_name":"example"}]""")]
    public void Read_ToolsBilledOnlyByTokens_AreServerSideWithoutFees(string tools)
    {
        var (features, refusal) = Read(tools);

        Assert.Null(refusal);
        Assert.True(features.ServerSideTools);
        Assert.Equal(0, features.MaxWebSearches);
    }

    [Fact]
    public void Read_McpServers_AreServerSide() =>
        Assert.True(Read("""{"mcp_servers":[{"type":"url","url":"https://mcp.example.com/sse","name":"example"}]}""", whole: true).Features.ServerSideTools);

    private static (Tollway.Gateway.Wire.PricedFeatures Features, Gateway.Errors.GatewayError? Refusal) Read(string json, bool whole = false)
    {
        using var document = JsonDocument.Parse(whole ? json : $$"""{"tools":{{json}}}""");
        return ServerTools.Read(document.RootElement);
    }
}
