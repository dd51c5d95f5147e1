using System.Text;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

/// <summary>The messages of a chat completion, checked as OpenAI checks them while the inspector reads the body.</summary>
public sealed class ChatMessagesCheckTests
{
    [Theory]
    [InlineData("""[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}]""")]
    [InlineData("""[{"role":"developer","content":[{"type":"text","text":"Be brief."}]}]""")]
    [InlineData("""[{"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}}]}]""")]
    [InlineData("""[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},{"type":"file","file":{"file_id":"file-1"}}]}]""")]
    [InlineData("""[{"role":"user","content":[{"type":"video_url","video_url":{"url":"https://v"}},{"type":"input_video","input_video":"x"},{"type":"audio_url","audio_url":{"url":"https://a"}}]}]""")]
    [InlineData("""[{"role":"user","content":[{"text":"type after the text","type":"text","cache_control":{"type":"ephemeral"}}]}]""")]
    [InlineData("""[{"role":"user","content":[]}]""")]
    [InlineData("""[{"role":"user","name":"ada","content":"hi"}]""")]
    [InlineData("""[{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"42"}]""")]
    [InlineData("""[{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]}]""")]
    [InlineData("""[{"role":"assistant","content":null,"function_call":{"name":"f","arguments":"{}"}},{"role":"function","name":"f","content":null}]""")]
    [InlineData("""[{"role":"assistant","content":null,"refusal":"I can't help with that."}]""")]
    [InlineData("""[{"role":"assistant","content":null,"audio":{"id":"audio_1"}}]""")]
    [InlineData("""[{"role":"assistant","content":[{"type":"text","text":"a"},{"type":"refusal","refusal":"no"}]}]""")]
    [InlineData("""[{"role":"assistant","content":""}]""")]
    [InlineData("""[{"role":"tool","tool_call_id":"call_1","content":[{"type":"text","text":"42"}]}]""")]
    [InlineData("""[{"role":"function","name":"f","content":"42"}]""")]
    [InlineData("""[{"content":"role last","role":"user","x_vendor":{"role":"root","content":5}}]""")]
    public void Inspect_MessagesOpenAiAccepts_AreAccepted(string messages)
    {
        var inspection = Inspect(messages);

        Assert.Null(inspection.Error);
        Assert.NotNull(inspection.Request);
    }

    [Theory]
    [InlineData("""[{"role":"root","content":"hi"}]""", "messages[0].role", "invalid_value")]
    [InlineData("""[{"role":"user","content":"hi"},{"role":"User","content":"hi"}]""", "messages[1].role", "invalid_value")]
    [InlineData("""[{"role":"","content":"hi"}]""", "messages[0].role", "invalid_value")]
    [InlineData("""[{"content":"hi"}]""", "messages[0].role", "missing_required_parameter")]
    [InlineData("""[{"role":1,"content":"hi"}]""", "messages[0].role", "invalid_type")]
    [InlineData("""[{"role":null,"content":"hi"}]""", "messages[0].role", "invalid_type")]
    [InlineData("""[{"role":["user"],"content":"hi"}]""", "messages[0].role", "invalid_type")]
    [InlineData("""["hi"]""", "messages[0]", "invalid_type")]
    [InlineData("""[{"role":"user","content":"hi"},42]""", "messages[1]", "invalid_type")]
    [InlineData("""[null]""", "messages[0]", "invalid_type")]
    [InlineData("""[[{"role":"user","content":"hi"}]]""", "messages[0]", "invalid_type")]
    [InlineData("""[{"role":"user"}]""", "messages[0].content", "missing_required_parameter")]
    [InlineData("""[{"role":"user","content":null}]""", "messages[0].content", "invalid_type")]
    [InlineData("""[{"role":"system","content":5}]""", "messages[0].content", "invalid_type")]
    [InlineData("""[{"role":"user","content":{"type":"text","text":"hi"}}]""", "messages[0].content", "invalid_type")]
    [InlineData("""[{"role":"assistant","content":null}]""", "messages[0].content", "invalid_type")]
    [InlineData("""[{"role":"assistant"}]""", "messages[0].content", "missing_required_parameter")]
    [InlineData("""[{"role":"assistant","content":null,"tool_calls":null}]""", "messages[0].content", "invalid_type")]
    [InlineData("""[{"role":"user","content":[{"text":"hi"}]}]""", "messages[0].content[0].type", "missing_required_parameter")]
    [InlineData("""[{"role":"user","content":[{"type":"text","text":"a"},{"type":"document_url","document_url":"https://d"}]}]""", "messages[0].content[1].type", "invalid_value")]
    [InlineData("""[{"role":"user","content":[{"type":"input_text","text":"a"}]}]""", "messages[0].content[0].type", "invalid_value")]
    [InlineData("""[{"role":"user","content":[{"type":7}]}]""", "messages[0].content[0].type", "invalid_type")]
    [InlineData("""[{"role":"user","content":["hi"]}]""", "messages[0].content[0]", "invalid_type")]
    [InlineData("""[{"role":"user","content":[[{"type":"text","text":"hi"}]]}]""", "messages[0].content[0]", "invalid_type")]
    [InlineData("""[{"role":"tool","content":"42"}]""", "messages[0].tool_call_id", "missing_required_parameter")]
    [InlineData("""[{"role":"tool","tool_call_id":7,"content":"42"}]""", "messages[0].tool_call_id", "invalid_type")]
    [InlineData("""[{"role":"tool","tool_call_id":null,"content":"42"}]""", "messages[0].tool_call_id", "invalid_type")]
    public void Inspect_MalformedMessage_IsRefusedNamingItsPath(string messages, string param, string code)
    {
        var inspection = Inspect(messages);

        Assert.Null(inspection.Request);
        Assert.Equal(param, inspection.Param);
        Assert.Equal(code, inspection.Code);
        Assert.Contains($"'{param}'", inspection.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"role":"user","role":"root","content":"hi"}]""", "messages[0].role")]
    [InlineData("""[{"role":"user","content":"hi","content":[{"type":"document_url"}]}]""", "messages[0].content")]
    [InlineData("""[{"role":"tool","tool_call_id":"a","tool_call_id":"b","content":"x"}]""", "messages[0].tool_call_id")]
    [InlineData("""[{"role":"user","content":[{"type":"text","type":"document_url","text":"a"}]}]""", "messages[0].content[0].type")]
    public void Inspect_MemberOfAMessageTwice_IsRefusedNamingIt(string messages, string param)
    {
        var inspection = Inspect(messages);

        Assert.Equal(param, inspection.Param);
        Assert.Contains("more than once", inspection.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_BadMessageInABodyThatIsNotJson_IsRefusedAsNotJson()
    {
        var inspection = RequestInspector.Inspect(Utf8("""{"model":"m","messages":[{"role":"root"}],"x":[1,}"""), GatewayOperation.ChatCompletions);

        Assert.Null(inspection.Param);
        Assert.Contains("not valid JSON", inspection.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_UnknownRole_IsNotRepeatedInTheError()
    {
        var role = new string('r', 100_000);

        var inspection = Inspect($$"""[{"role":"{{role}}","content":"hi"}]""");

        Assert.DoesNotContain("rrrr", inspection.Error, StringComparison.Ordinal);
        Assert.True(inspection.Error!.Length < 200, inspection.Error);
    }

    [Fact]
    public void Inspect_MessagesOfCompletionsOrEmbeddings_AreNotChecked() =>
        Assert.Null(RequestInspector.Inspect(Utf8("""{"model":"m","prompt":"p","messages":[{"role":"root"}]}"""), GatewayOperation.Completions).Error);

    [Fact]
    public void Inspect_ImageInACheckedMessage_IsStillSeen() =>
        Assert.True(Inspect("""[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://a"}}]}]""").Request!.UsesImages);

    private static RequestInspection Inspect(string messages) =>
        RequestInspector.Inspect(Utf8($$"""{"model":"m","messages":{{messages}},"max_tokens":5}"""), GatewayOperation.ChatCompletions);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
