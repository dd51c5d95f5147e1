using System.Text;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

public sealed class RequestInspectorTests
{
    private const string Chat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public void Inspect_MinimalChat_ReadsModelAndDefaults()
    {
        var request = Valid(Chat);

        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.False(request.Stream);
        Assert.False(request.ClientWantsStreamUsage);
        Assert.Null(request.StreamOptionsValue);
        Assert.Null(request.MaxOutputTokens);
        Assert.False(request.HasTools);
        Assert.Equal(1, request.Choices);
    }

    [Theory]
    [InlineData("""{"model":"m","prompt":"Once upon"}""", GatewayOperation.Completions)]
    [InlineData("""{"model":"m","prompt":["a","b"]}""", GatewayOperation.Completions)]
    [InlineData("""{"model":"m","input":"text"}""", GatewayOperation.Embeddings)]
    [InlineData("""{"model":"m","input":["a","b"]}""", GatewayOperation.Embeddings)]
    [InlineData("""{"model":"m","input":[[1,2,3]]}""", GatewayOperation.Embeddings)]
    [InlineData("""{"model":"m","messages":[]}""", GatewayOperation.ChatCompletions)]
    public void Inspect_RequiredFieldOfTheOperation_IsAccepted(string json, GatewayOperation operation) =>
        Assert.Equal("m", Valid(json, operation).Model);

    [Fact]
    public void Inspect_OtherOperationsField_IsNotRequiredNorChecked() =>
        Assert.Equal("m", Valid("""{"model":"m","messages":"not checked here","prompt":"p"}""", GatewayOperation.Completions).Model);

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("null", false)]
    public void Inspect_Stream_ReadsBoolean(string value, bool expected) =>
        Assert.Equal(expected, Valid($$"""{"model":"m","messages":[],"stream":{{value}}}""").Stream);

    [Theory]
    [InlineData("""{"include_usage":true}""", true)]
    [InlineData("""{"include_usage":false}""", false)]
    [InlineData("""{}""", false)]
    [InlineData("""null""", false)]
    [InlineData("""{"other":{"include_usage":true}}""", false)]
    [InlineData("""{"other":[{"include_usage":true}],"include_usage":true}""", true)]
    [InlineData("""{"include_usage":"yes"}""", false)]
    public void Inspect_StreamOptions_ReadsIncludeUsageAtItsOwnLevelOnly(string options, bool expected) =>
        Assert.Equal(expected, Valid($$"""{"model":"m","messages":[],"stream":true,"stream_options":{{options}}}""").ClientWantsStreamUsage);

    [Theory]
    [InlineData("""{"max_tokens":100}""", 100)]
    [InlineData("""{"max_completion_tokens":200}""", 200)]
    [InlineData("""{"max_tokens":100,"max_completion_tokens":200}""", 200)]
    [InlineData("""{"max_completion_tokens":200,"max_tokens":100}""", 200)]
    [InlineData("""{"max_completion_tokens":null,"max_tokens":100}""", 100)]
    [InlineData("""{"max_tokens":null}""", null)]
    [InlineData("""{"max_tokens":1}""", 1)]
    public void Inspect_OutputLimit_IsReadFromEitherMember(string fields, int? expected)
    {
        var json = Chat[..^1] + "," + fields[1..];

        Assert.Equal(expected, Valid(json).MaxOutputTokens);
    }

    [Theory]
    [InlineData("""{"max_tokens":300,"max_completion_tokens":200}""", 300, "max_tokens")]
    [InlineData("""{"max_completion_tokens":200,"max_tokens":300}""", 300, "max_tokens")]
    [InlineData("""{"max_tokens":200,"max_completion_tokens":200}""", 200, "max_tokens")]
    [InlineData("""{"max_tokens":null,"max_completion_tokens":200}""", 200, "max_completion_tokens")]
    public void Inspect_BothOutputLimits_TheLargerIsKeptSinceAProviderMayReadEither(string fields, int expected, string param)
    {
        var request = Valid(Chat[..^1] + "," + fields[1..]);

        Assert.Equal(expected, request.MaxOutputTokens);
        Assert.Equal(param, request.MaxOutputTokensParam);
    }

    [Fact]
    public void Inspect_OutputLimits_RecordWhereEachValueSits()
    {
        var body = Utf8("""{"model":"m","messages":[], "max_tokens" : null ,"max_completion_tokens":  64}""");

        var request = Valid(body);

        Assert.Equal("null", Encoding.UTF8.GetString(body[request.MaxTokensValue!.Value.Value]));
        Assert.Null(request.MaxTokensValue.Value.Tokens);
        Assert.Equal("64", Encoding.UTF8.GetString(body[request.MaxCompletionTokensValue!.Value.Value]));
        Assert.Equal(64, request.MaxCompletionTokensValue.Value.Tokens);
    }

    [Theory]
    [InlineData("""[{"type":"function","function":{"name":"f"}}]""", true)]
    [InlineData("""[]""", false)]
    [InlineData("""null""", false)]
    public void Inspect_Tools_IsSetOnlyForANonEmptyArray(string tools, bool expected) =>
        Assert.Equal(expected, Valid($$"""{"model":"m","messages":[],"tools":{{tools}}}""").HasTools);

    [Theory]
    [InlineData("3", 3)]
    [InlineData("1", 1)]
    [InlineData("128", 128)]
    [InlineData("null", 1)]
    public void Inspect_N_ReadsChoices(string n, int expected) =>
        Assert.Equal(expected, Valid($$"""{"model":"m","messages":[],"n":{{n}}}""").Choices);

    [Fact]
    public void Inspect_FieldsOfSameNameInsideNestedValues_AreIgnored()
    {
        var request = Valid("""
            {"metadata":{"model":"wrong","stream":true,"max_tokens":-1,"n":0},
             "messages":[{"role":"user","content":"x","model":"wrong","tools":[1]}],
             "model":"right"}
            """);

        Assert.Equal("right", request.Model);
        Assert.False(request.Stream);
        Assert.Null(request.MaxOutputTokens);
        Assert.False(request.HasTools);
        Assert.Equal(1, request.Choices);
    }

    [Fact]
    public void Inspect_ModelAfterMultiByteText_ModelValueIsTheExactBytes()
    {
        var body = Utf8("""{"messages":[{"role":"user","content":"héllo wörld 🔑"}],"model":"gpt-4o"}""");

        var request = Valid(body);

        Assert.Equal("\"gpt-4o\"", Encoding.UTF8.GetString(body[request.ModelValue]));
    }

    [Fact]
    public void Inspect_EscapedModel_ModelIsUnescapedAndRangeCoversTheEscapes()
    {
        var body = Utf8("""{ "model" : "gpt\u002d4o\"x" , "messages":[]}""");

        var request = Valid(body);

        Assert.Equal("gpt-4o\"x", request.Model);
        Assert.Equal("""
            "gpt\u002d4o\"x"
            """, Encoding.UTF8.GetString(body[request.ModelValue]));
    }

    [Theory]
    [InlineData("""{"include_usage":true}""")]
    [InlineData("""{ "include_usage" : false, "extra" : [1, {"a": "b"}] }""")]
    [InlineData("""{}""")]
    [InlineData("""null""")]
    public void Inspect_StreamOptions_ValueRangeIsTheExactBytes(string options)
    {
        var body = Utf8($$"""{"model":"m","stream_options": {{options}} ,"messages":[],"stream":true}""");

        var request = Valid(body);

        Assert.NotNull(request.StreamOptionsValue);
        Assert.Equal(options, Encoding.UTF8.GetString(body[request.StreamOptionsValue.Value]));
    }

    [Theory]
    [InlineData(Chat)]
    [InlineData("{\n  \"model\": \"m\",\n  \"messages\": []\n}\n")]
    [InlineData("  {\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"}\"}]}  \r\n")]
    public void Inspect_AnyLayout_RootEndIsTheClosingBraceOfTheRoot(string json)
    {
        var body = Utf8(json);

        var request = Valid(body);

        Assert.Equal((byte)'}', body[request.RootEnd]);
        Assert.True(body.AsSpan(request.RootEnd + 1).Trim(" \t\r\n"u8).IsEmpty);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Inspect_NotAnObject_IsRefusedWithoutParam(string json)
    {
        var error = Invalid(json);

        Assert.Contains("JSON object", error.Error, StringComparison.Ordinal);
        Assert.Null(error.Param);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("""{"model":"m","messages":[}""")]
    [InlineData("""{"model":"m","messages":[],}""")]
    [InlineData("""{"model":"m" "messages":[]}""")]
    [InlineData("""{"model":'m',"messages":[]}""")]
    [InlineData("""{"model":"m",/* note */"messages":[]}""")]
    [InlineData("""{"model":"m","messages":[{"content":"unterminated}]}""")]
    [InlineData("""{"model":"m","messages":[],"extra":{"deep":[1,2,}}""")]
    public void Inspect_MalformedJson_IsRefusedWithoutParam(string json)
    {
        var error = Invalid(json);

        Assert.Contains("JSON", error.Error, StringComparison.Ordinal);
        Assert.Null(error.Param);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[]}{}""")]
    [InlineData("""{"model":"m","messages":[]} x""")]
    [InlineData("""{"model":"m","messages":[]}]""")]
    public void Inspect_DataAfterTheObject_IsRefusedWithoutParam(string json) => Assert.Null(Invalid(json).Param);

    [Theory]
    [InlineData("""{"model":"cheap","messages":[],"model":"expensive"}""", "model")]
    [InlineData("""{"model":"m","messages":[],"stream":false,"stream":true}""", "stream")]
    [InlineData("""{"model":"m","messages":[],"stream_options":null,"stream_options":{"include_usage":false}}""", "stream_options")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":1,"max_tokens":100000}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"messages":[]}""", "messages")]
    public void Inspect_FieldTheGatewayReadsTwice_IsRefusedNamingIt(string json, string param)
    {
        var error = Invalid(json);

        Assert.Equal(param, error.Param);
        Assert.Contains("more than once", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_UnknownFieldTwice_IsLeftToTheProvider() =>
        Assert.Equal("m", Valid("""{"model":"m","messages":[],"x_vendor":1,"x_vendor":2}""").Model);

    [Fact]
    public void Inspect_TooDeep_IsRefused()
    {
        var json = "{\"model\":\"m\",\"messages\":[],\"x\":" + new string('[', 300) + new string(']', 300) + "}";

        Assert.Null(Invalid(json).Param);
    }

    [Theory]
    [InlineData("messages", GatewayOperation.ChatCompletions, "C0AF")]
    [InlineData("messages", GatewayOperation.ChatCompletions, "EDA080")]
    [InlineData("messages", GatewayOperation.ChatCompletions, "E282")]
    [InlineData("prompt", GatewayOperation.Completions, "FF")]
    [InlineData("input", GatewayOperation.Embeddings, "F4908080")]
    public void Inspect_InvalidUtf8InsideAString_IsRefusedBeforeAnyoneReadsIt(string field, GatewayOperation operation, string hex)
    {
        var body = Utf8($$"""{"model":"m","{{field}}":["a""").Concat(Convert.FromHexString(hex)).Concat(Utf8("b\"]}")).ToArray();

        var inspection = RequestInspector.Inspect(body, operation);

        Assert.Null(inspection.Request);
        Assert.Contains("not valid UTF-8", inspection.Error, StringComparison.Ordinal);
        Assert.Null(inspection.Param);
    }

    [Fact]
    public void Inspect_InvalidUtf8InTheModel_IsRefusedNotThrown()
    {
        var body = Utf8("{\"model\":\"gpt").Concat(new byte[] { 0xC3 }).Concat(Utf8("\",\"messages\":[]}")).ToArray();

        Assert.Contains("not valid UTF-8", RequestInspector.Inspect(body, GatewayOperation.ChatCompletions).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"\ud800"}]}""")]
    [InlineData("""{"model":"\udfff","messages":[]}""")]
    public void Inspect_EscapedLoneSurrogate_IsRefused(string json) =>
        Assert.Contains("lone UTF-16 surrogate", Invalid(json).Error, StringComparison.Ordinal);

    [Fact]
    public void Inspect_ModelAtTheLengthLimit_IsRead() =>
        Assert.Equal(new string('m', CatalogModel.MaxIdLength), Valid($$"""{"model":"{{new string('m', CatalogModel.MaxIdLength)}}","messages":[]}""").Model);

    [Theory]
    [InlineData(CatalogModel.MaxIdLength + 1)]
    [InlineData(1024 * 1024)]
    public void Inspect_ModelLongerThanTheLimit_IsRefusedNamingModel(int length)
    {
        var error = Invalid($$"""{"model":"{{new string('m', length)}}","messages":[]}""");

        Assert.Equal("model", error.Param);
        Assert.Equal($"'model' is longer than {CatalogModel.MaxIdLength} characters.", error.Error);
    }

    [Fact]
    public void Inspect_ModelWithinTheLimitButEscaped_IsRead() =>
        Assert.Equal(new string('é', CatalogModel.MaxIdLength), Valid("{\"model\":\"" + string.Concat(Enumerable.Repeat("\\u00e9", CatalogModel.MaxIdLength)) + "\",\"messages\":[]}").Model);

    [Theory]
    [InlineData("""{"messages":[]}""", "model")]
    [InlineData("""{"model":"","messages":[]}""", "model")]
    [InlineData("""{"model":null,"messages":[]}""", "model")]
    [InlineData("""{"model":42,"messages":[]}""", "model")]
    [InlineData("""{"model":["m"],"messages":[]}""", "model")]
    [InlineData("""{"model":"m"}""", "messages")]
    [InlineData("""{"model":"m","messages":"hi"}""", "messages")]
    [InlineData("""{"model":"m","messages":{}}""", "messages")]
    [InlineData("""{"model":"m","messages":null}""", "messages")]
    [InlineData("""{"model":"m","messages":[],"stream":"true"}""", "stream")]
    [InlineData("""{"model":"m","messages":[],"stream":1}""", "stream")]
    [InlineData("""{"model":"m","messages":[],"stream_options":true}""", "stream_options")]
    [InlineData("""{"model":"m","messages":[],"stream_options":[]}""", "stream_options")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":-1}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":0}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":1.5}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":"100"}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":3000000000}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":-5}""", "max_completion_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":10,"max_tokens":-1}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"n":0}""", "n")]
    [InlineData("""{"model":"m","messages":[],"n":"2"}""", "n")]
    [InlineData("""{"model":"m","messages":[],"n":-1}""", "n")]
    public void Inspect_ChatFieldMissingOrOfWrongType_NamesTheParam(string json, string param) =>
        Assert.Equal(param, Invalid(json).Param);

    [Theory]
    [InlineData("129")]
    [InlineData("2000000000")]
    [InlineData("2147483648")]
    [InlineData("2.0")]
    [InlineData("1e3")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("\"2\"")]
    [InlineData("true")]
    [InlineData("[2]")]
    public void Inspect_NNotAnIntegerFrom1To128_IsRefusedNamingN(string n)
    {
        var inspection = RequestInspector.Inspect(Utf8($$"""{"model":"m","messages":[],"n":{{n}}}"""), GatewayOperation.ChatCompletions);

        Assert.Null(inspection.Request);
        Assert.Equal("n", inspection.Param);
        Assert.Equal("'n' must be an integer from 1 to 128.", inspection.Error);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[],"max_tokens":100}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":100}""", "max_completion_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":100,"max_completion_tokens":200}""", "max_completion_tokens")]
    [InlineData("""{"model":"m","messages":[],"max_completion_tokens":200,"max_tokens":100}""", "max_completion_tokens")]
    [InlineData("""{"model":"m","messages":[]}""", "max_tokens")]
    public void Inspect_OutputLimit_RemembersWhichMemberSetIt(string json, string param) =>
        Assert.Equal(param, Valid(json).MaxOutputTokensParam);

    [Theory]
    [InlineData("""{"model":"m"}""", GatewayOperation.Completions, "prompt")]
    [InlineData("""{"model":"m","prompt":5}""", GatewayOperation.Completions, "prompt")]
    [InlineData("""{"model":"m","prompt":null}""", GatewayOperation.Completions, "prompt")]
    [InlineData("""{"model":"m","messages":[]}""", GatewayOperation.Completions, "prompt")]
    [InlineData("""{"model":"m"}""", GatewayOperation.Embeddings, "input")]
    [InlineData("""{"model":"m","input":{}}""", GatewayOperation.Embeddings, "input")]
    [InlineData("""{"model":"m","input":true}""", GatewayOperation.Embeddings, "input")]
    [InlineData("""{"input":"x"}""", GatewayOperation.Embeddings, "model")]
    public void Inspect_OperationsRequiredFieldMissingOrOfWrongType_NamesTheParam(string json, GatewayOperation operation, string param) =>
        Assert.Equal(param, Invalid(json, operation).Param);

    [Fact]
    public void Inspect_Refusal_HasMessageAndNoRequest()
    {
        var inspection = RequestInspector.Inspect(Utf8("""{"model":"m","messages":[],"max_tokens":-1}"""), GatewayOperation.ChatCompletions);

        Assert.Null(inspection.Request);
        Assert.Equal("'max_tokens' must be a positive integer.", inspection.Error);
    }

    private static InspectedRequest Valid(string json, GatewayOperation operation = GatewayOperation.ChatCompletions) =>
        Valid(Utf8(json), operation);

    private static InspectedRequest Valid(byte[] body, GatewayOperation operation = GatewayOperation.ChatCompletions)
    {
        var inspection = RequestInspector.Inspect(body, operation);
        Assert.Null(inspection.Error);
        Assert.Null(inspection.Param);
        return Assert.IsType<InspectedRequest>(inspection.Request);
    }

    private static RequestInspection Invalid(string json, GatewayOperation operation = GatewayOperation.ChatCompletions)
    {
        var inspection = RequestInspector.Inspect(Utf8(json), operation);
        Assert.Null(inspection.Request);
        Assert.False(string.IsNullOrEmpty(inspection.Error));
        return inspection;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
