using System.Text;
using Tollway.Gateway.Upstream.Translation.Anthropic;

namespace Tollway.Gateway.Tests.Upstream.Translation.Anthropic;

/// <summary>The system prompt and messages of a Messages request, checked as Anthropic's API checks them.</summary>
public sealed class MessagesCheckTests
{
    [Theory]
    [InlineData("""[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]""")]
    [InlineData("""[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral","ttl":"1h"}},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}]""")]
    [InlineData("""[{"role":"user","content":[{"type":"document","source":{"type":"url","url":"https://d.pdf"}},{"type":"search_result","source":"s","title":"t","content":[{"type":"text","text":"x"}]}]}]""")]
    [InlineData("""[{"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"s"},{"type":"redacted_thinking","data":"d"},{"type":"tool_use","id":"t1","name":"f","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"42"},{"type":"image","source":{"type":"url","url":"https://i"}}]}]}]""")]
    [InlineData("""[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"42"},{"type":"tool_result","tool_use_id":"t2"}]}]""")]
    [InlineData("""[{"role":"assistant","content":[{"type":"server_tool_use","id":"s1","name":"web_search","input":{"query":"q"}},{"type":"web_search_tool_result","tool_use_id":"s1","content":[]}]}]""")]
    [InlineData("""[{"role":"assistant","content":[{"type":"mcp_tool_use","id":"m","name":"n","server_name":"s","input":{}},{"type":"mcp_tool_result","tool_use_id":"m","content":"x"},{"type":"compaction","content":"summary"}]}]""")]
    [InlineData("""[{"role":"user","content":[]}]""")]
    [InlineData("""[]""")]
    public void Read_MessagesAnthropicAccepts_AreAccepted(string messages) =>
        Assert.Null(Read(messages).Error);

    [Theory]
    [InlineData("\"Be brief.\"")]
    [InlineData("""[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}]""")]
    [InlineData("null")]
    public void Read_SystemAnthropicAccepts_IsAccepted(string system) =>
        Assert.Null(Read("""[{"role":"user","content":"hi"}]""", system).Error);

    [Theory]
    [InlineData("""[{"role":"system","content":"hi"}]""", "messages[0].role", "messages.0.role: Input should be 'user' or 'assistant'")]
    [InlineData("""[{"role":"user","content":"hi"},{"role":"root","content":"hi"}]""", "messages[1].role", "messages.1.role")]
    [InlineData("""[{"role":"tool","content":"hi"}]""", "messages[0].role", "messages.0.role")]
    [InlineData("""[{"content":"hi"}]""", "messages[0].role", "messages.0.role: Field required")]
    [InlineData("""[{"role":1,"content":"hi"}]""", "messages[0].role", "messages.0.role")]
    [InlineData("""["hi"]""", "messages[0]", "messages.0: Input should be an object")]
    [InlineData("""[[{"role":"user","content":"hi"}]]""", "messages[0]", "messages.0")]
    [InlineData("""[{"role":"user"}]""", "messages[0].content", "messages.0.content: Field required")]
    [InlineData("""[{"role":"user","content":null}]""", "messages[0].content", "messages.0.content")]
    [InlineData("""[{"role":"user","content":42}]""", "messages[0].content", "messages.0.content")]
    [InlineData("""[{"role":"user","content":[{"text":"hi"}]}]""", "messages[0].content[0].type", "messages.0.content.0.type: Field required")]
    [InlineData("""[{"role":"user","content":[{"type":"text","text":"a"},{"type":"video","source":{}}]}]""", "messages[0].content[1].type", "messages.0.content.1.type")]
    [InlineData("""[{"role":"user","content":[{"type":5}]}]""", "messages[0].content[0].type", "messages.0.content.0.type")]
    [InlineData("""[{"role":"user","content":["hi"]}]""", "messages[0].content[0]", "messages.0.content.0")]
    [InlineData("""[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"audio"}]}]}]""", "messages[0].content[0].content[0].type", "messages.0.content.0.content.0.type")]
    [InlineData("""[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[["nested"]]}]}]""", "messages[0].content[0].content[0]", "messages.0.content.0.content.0")]
    [InlineData("""[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":7}]}]""", "messages[0].content[0].content", "messages.0.content.0.content")]
    [InlineData("""[{"role":"user","content":[{"type":"tool_result","content":"42"}]}]""", "messages[0].content[0].tool_use_id", "messages.0.content.0.tool_use_id: Field required")]
    [InlineData("""[{"role":"user","content":[{"type":"tool_result","tool_use_id":7,"content":"42"}]}]""", "messages[0].content[0].tool_use_id", "messages.0.content.0.tool_use_id")]
    [InlineData("""[{"role":"user","role":"system","content":"hi"}]""", "messages[0].role", "more than once")]
    [InlineData("""[{"role":"user","content":"hi","content":[{"type":"video"}]}]""", "messages[0].content", "more than once")]
    [InlineData("""[{"role":"user","content":[{"type":"text","type":"video","text":"a"}]}]""", "messages[0].content[0].type", "more than once")]
    public void Read_MalformedMessage_IsRefusedNamingItsPath(string messages, string param, string error)
    {
        var request = Read(messages);

        Assert.Equal(param, request.Param);
        Assert.Contains(error, request.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42", "system")]
    [InlineData("""{"type":"text","text":"x"}""", "system")]
    [InlineData("""[{"type":"image","source":{}}]""", "system[0].type")]
    [InlineData("""["Be brief."]""", "system[0]")]
    public void Read_MalformedSystem_IsRefusedNamingIt(string system, string param) =>
        Assert.Equal(param, Read("""[{"role":"user","content":"hi"}]""", system).Param);

    [Fact]
    public void Read_CountTokensRequest_IsCheckedAlike()
    {
        var request = MessagesRequestReader.Read(Encoding.UTF8.GetBytes("""{"model":"c","messages":[{"role":"root","content":"hi"}]}"""), requireMaxTokens: false);

        Assert.Equal("messages[0].role", request.Param);
    }

    private static MessagesRequest Read(string messages, string? system = null)
    {
        var body = system is null
            ? $$"""{"model":"c","max_tokens":10,"messages":{{messages}}}"""
            : $$"""{"model":"c","max_tokens":10,"system":{{system}},"messages":{{messages}}}""";
        var request = MessagesRequestReader.Read(Encoding.UTF8.GetBytes(body));
        request.ChatBody?.Dispose();
        return request;
    }
}
