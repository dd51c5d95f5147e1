using System.Text;
using Tollway.Gateway.Pipeline.Proxy;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

public sealed class UpstreamErrorReaderTests
{
    [Fact]
    public void Read_OpenAiShape_ReadsEveryField()
    {
        const string json = """
            {
              "error": {
                "message": "Rate limit reached for gpt-4o-mini",
                "type": "requests",
                "param": "messages",
                "code": "rate_limit_exceeded"
              }
            }
            """;

        var (message, type, code, param) = Read(json);

        Assert.Equal("Rate limit reached for gpt-4o-mini", message);
        Assert.Equal("requests", type);
        Assert.Equal("rate_limit_exceeded", code);
        Assert.Equal("messages", param);
    }

    [Fact]
    public void Read_NullParamAndCode_AreNull()
    {
        var (message, type, code, param) = Read("""{"error":{"message":"bad","type":"invalid_request_error","param":null,"code":null}}""");

        Assert.Equal("bad", message);
        Assert.Equal("invalid_request_error", type);
        Assert.Null(code);
        Assert.Null(param);
    }

    [Fact]
    public void Read_NumericCode_IsReadAsText() => Assert.Equal("429", Read("""{"error":{"message":"slow down","code":429}}""").Code);

    [Fact]
    public void Read_NonIntegerCode_IsNullAndLaterFieldsAreStillRead()
    {
        var error = Read("""{"error":{"code":4.5,"message":"m"}}""");

        Assert.Null(error.Code);
        Assert.Equal("m", error.Message);
    }

    [Fact]
    public void Read_NestedValuesInsideError_AreSkipped()
    {
        var error = Read("""{"error":{"metadata":{"raw":"{\"x\":1}","provider_name":"p"},"param":["a"],"message":"upstream failed","code":"502"}}""");

        Assert.Equal("upstream failed", error.Message);
        Assert.Equal("502", error.Code);
        Assert.Null(error.Param);
    }

    [Fact]
    public void Read_BareMessage_ReadsMessage()
    {
        var (message, type, code, param) = Read("""{"object":"error","message":"Model not found","detail":{"x":1}}""");

        Assert.Equal("Model not found", message);
        Assert.Null(type);
        Assert.Null(code);
        Assert.Null(param);
    }

    [Fact]
    public void Read_ErrorAsString_ReadsItAsMessage() => Assert.Equal("Invalid model", Read("""{"error":"Invalid model"}""").Message);

    [Theory]
    [InlineData("""{"error":{"message":"inner"},"message":"outer"}""")]
    [InlineData("""{"message":"outer","error":{"message":"inner"}}""")]
    public void Read_BothErrorObjectAndBareMessage_PrefersTheErrorObject(string json) => Assert.Equal("inner", Read(json).Message);

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("Internal Server Error")]
    [InlineData("null")]
    [InlineData("""["error"]""")]
    [InlineData("""{"error":{"message":"cut""")]
    [InlineData("""{"error":""")]
    public void Read_Garbage_ReturnsAllNull(string body) => Assert.Equal(default, Read(body));

    [Fact]
    public void Read_ObjectWithoutErrorFields_ReturnsAllNull() => Assert.Equal(default, Read("""{"status":500,"error":null}"""));

    [Fact]
    public void Read_TypeCodeOrParamLongerThanALabel_IsDropped()
    {
        var huge = new string('x', 64 * 1024);

        var (message, type, code, param) = Read($$$"""{"error":{"message":"m","type":"{{{huge}}}","code":"{{{huge}}}","param":"{{{huge}}}"}}""");

        Assert.Equal("m", message);
        Assert.Null(type);
        Assert.Null(code);
        Assert.Null(param);
    }

    [Fact]
    public void Read_LabelsAtTheLimit_AreKept()
    {
        var label = new string('c', UpstreamErrorReader.MaxLabelLength);

        Assert.Equal(label, Read($$$"""{"error":{"message":"m","code":"{{{label}}}"}}""").Code);
    }

    [Fact]
    public void Read_StringThatIsNotUtf8_IsUnreadableNotAnException()
    {
        byte[] body = [.. """{"error":{"message":"a"""u8, 0xFF, .. "\"}}"u8];

        Assert.Equal(default, UpstreamErrorReader.Read(body));
    }

    private static (string? Message, string? Type, string? Code, string? Param) Read(string body) =>
        UpstreamErrorReader.Read(Encoding.UTF8.GetBytes(body));
}
