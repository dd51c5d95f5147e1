using System.Text;
using Tollway.Gateway.Catalog.Tokens;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Catalog.Tokens;

public sealed class TiktokenPromptEstimatorMediaTests
{
    private static readonly TiktokenPromptEstimator Estimator = new();

    [Theory]
    [InlineData("gpt-4o", 4_096)]
    [InlineData("gpt-4.1-nano", 4_096)]
    [InlineData("gpt-4o-mini", 48_169)]
    [InlineData("qwen2.5-vl-72b-instruct", 16_384)]
    public void EstimatePromptTokens_ImagePart_AddsTheFamilysAllowance(string model, int allowance)
    {
        var text = Chat(Parts(TextPart), model);
        var withImage = Chat(Parts(TextPart, ImagePart(base64Chars: 10_000)), model);

        Assert.Equal(allowance + TypeTokens("image_url", model), withImage - text);
    }

    [Fact]
    public void EstimatePromptTokens_ImagePart_DoesNotGrowWithItsBase64() =>
        Assert.Equal(Chat(Parts(ImagePart(base64Chars: 1_000)), "gpt-4o"), Chat(Parts(ImagePart(base64Chars: 400_000)), "gpt-4o"));

    [Fact]
    public void EstimatePromptTokens_ImageUrlAsString_AddsTheAllowance() =>
        Assert.Equal(
            Chat(Parts(ImagePart(base64Chars: 8)), "gpt-4o"),
            Chat(Parts("""{"type":"image_url","image_url":"https://example.com/cat.png"}"""), "gpt-4o"));

    [Fact]
    public void EstimatePromptTokens_SeveralImages_AddTheAllowanceEach()
    {
        var one = Chat(Parts(ImagePart(100)), "gpt-4o");
        var three = Chat(Parts(ImagePart(100), ImagePart(100), ImagePart(100)), "gpt-4o");

        Assert.Equal(2 * (4_096 + TypeTokens("image_url", "gpt-4o")), three - one);
    }

    [Fact]
    public void EstimatePromptTokens_AudioPart_GrowsWithItsDataNotItsTokens()
    {
        // One token per 64 base64 chars bounds 20 tokens a second of 8 kbit/s audio.
        var short_ = Chat(Parts(AudioPart(base64Chars: 64_000)), "gpt-4o-audio-preview");
        var long_ = Chat(Parts(AudioPart(base64Chars: 128_000)), "gpt-4o-audio-preview");

        Assert.Equal(1_000, long_ - short_);
        Assert.True(short_ >= 64 + 1_000);
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("claude-sonnet-4-5")]
    public void EstimatePromptTokens_FileAsData_IsUnmeasured(string model)
    {
        // A PDF is billed as an image of each page plus its text, which its compressed bytes do not bound.
        var estimate = Estimate(Parts(TextPart, FilePart(base64Chars: 4_000)), model);

        Assert.True(estimate.Unmeasured);
        Assert.Equal(Estimate(Parts(TextPart), model).Tokens + TypeTokens("file", model), estimate.Tokens);
    }

    [Fact]
    public void EstimatePromptTokens_FileById_IsUnmeasured() =>
        Assert.True(Estimate(Parts("""{"type":"file","file":{"file_id":"file-6F2ksmvXxt4VdoqmHRw6kL"}}"""), "gpt-4o").Unmeasured);

    [Theory]
    [InlineData("data:video/mp4;base64,AAAAIGZ0eXBpc29t")]
    [InlineData("data:audio/mpeg;base64,SUQzBAAAAAAA")]
    [InlineData("data:application/pdf;base64,JVBERi0xLjcK")]
    [InlineData("data\\u003avideo/mp4;base64,AAAAIGZ0eXBpc29t")]
    public void EstimatePromptTokens_ImageUrlHoldingOtherMedia_IsUnmeasured(string url) =>
        Assert.True(Estimate(Parts($$$"""{"type":"image_url","image_url":{"url":"{{{url}}}"}}"""), "gemini-2.5-flash", WireFormat.Gemini).Unmeasured);

    [Theory]
    [InlineData("https://example.com/cat.png")]
    [InlineData("https://www.youtube.com/watch?v=9hE5-98ZeCg")]
    [InlineData("https://generativelanguage.googleapis.com/v1beta/files/abc-123")]
    public void EstimatePromptTokens_UrlForGemini_IsUnmeasured(string url)
    {
        // Gemini takes a URL as fileData, which may name a video or a recording billed by the second.
        var body = Parts($$$"""{"type":"image_url","image_url":{"url":"{{{url}}}"}}""");

        Assert.True(Estimate(body, "gemini-2.5-flash", WireFormat.Gemini).Unmeasured);
        Assert.False(Estimate(body, "gemini-2.5-flash", WireFormat.OpenAi).Unmeasured);
    }

    [Fact]
    public void EstimatePromptTokens_ImageDataUrlForGemini_AddsTheAllowance()
    {
        var estimate = Estimate(Parts(ImagePart(base64Chars: 1_000)), "gemini-2.5-flash", WireFormat.Gemini);

        Assert.False(estimate.Unmeasured);
        Assert.True(estimate.Tokens >= 16_384);
    }

    [Fact]
    public void EstimatePromptTokens_EscapedImageDataUrl_IsAnImage() =>
        Assert.False(Estimate(Parts("""{"type":"image_url","image_url":{"url":"data:image\/png;base64,iVBORw0KGgo="}}"""), "gemini-2.5-flash", WireFormat.Gemini).Unmeasured);

    [Fact]
    public void EstimatePromptTokens_RepeatedUrl_EitherMayBeRead() =>
        Assert.True(Estimate(
            Parts("""{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","url":"data:video/mp4;base64,AAAA"}}"""), "gpt-4o").Unmeasured);

    [Theory]
    [InlineData("qwen2.5-omni-7b")]
    [InlineData("gemini-2.5-flash")]
    public void EstimatePromptTokens_AudioOutsideOpenAi_IsUnmeasured(string model) =>
        Assert.True(Estimate(Parts(AudioPart(base64Chars: 64_000)), model).Unmeasured);

    [Theory]
    [InlineData("""{"type":"video_url","video_url":{"url":"https://example.com/clip.mp4"}}""")]
    [InlineData("""{"type":"input_video","input_video":{"data":"AAAA"}}""")]
    [InlineData("""{"type":"audio_url","audio_url":{"url":"https://example.com/talk.mp3"}}""")]
    public void EstimatePromptTokens_VideoOrAudioByReference_IsUnmeasured(string part) =>
        Assert.True(Estimate(Parts(part), "qwen2.5-vl-72b-instruct").Unmeasured);

    [Fact]
    public void EstimatePromptTokens_ImageInAToolMessage_AddsTheAllowance()
    {
        const string toolCall = """{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"shot","arguments":"{}"}}]}""";
        var withText = Estimate($$"""{"model":"m","messages":[{{toolCall}},{"role":"tool","tool_call_id":"call_1","content":[{{TextPart}}]}]}""", "gpt-4o");
        var withImage = Estimate($$"""{"model":"m","messages":[{{toolCall}},{"role":"tool","tool_call_id":"call_1","content":[{{TextPart}},{{ImagePart(100)}}]}]}""", "gpt-4o");

        Assert.False(withImage.Unmeasured);
        Assert.Equal(4_096 + TypeTokens("image_url", "gpt-4o"), withImage.Tokens - withText.Tokens);
    }

    [Fact]
    public void EstimatePromptTokens_AudioPart_IsAudioCountedAtItsAllowance()
    {
        var estimate = Estimate(Parts(TextPart, AudioPart(base64Chars: 64_000)), "gpt-4o-audio-preview");

        Assert.True(estimate.Audio);
        Assert.False(estimate.Unmeasured);
        Assert.Equal(64 + 1_000 + 1, estimate.AudioTokens);
    }

    [Theory]
    [InlineData("""{"type":"image_url","image_url":{"url":"data:video/mp4;base64,AAAAIGZ0eXBpc29t"}}""", WireFormat.OpenAi)]
    [InlineData("""{"type":"image_url","image_url":{"url":"data:audio/mpeg;base64,SUQzBAAAAAAA"}}""", WireFormat.OpenAi)]
    [InlineData("""{"type":"image_url","image_url":{"url":"data\\u003aaudio/wav;base64,UklGRg=="}}""", WireFormat.Gemini)]
    [InlineData("""{"type":"image_url","image_url":{"url":"https://www.youtube.com/watch?v=9hE5-98ZeCg"}}""", WireFormat.Gemini)]
    [InlineData("""{"type":"image_url","image_url":"https://example.com/cat.png"}""", WireFormat.Gemini)]
    [InlineData("""{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","url":"data:video/mp4;base64,AAAA"}}""", WireFormat.OpenAi)]
    [InlineData("""{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}""", WireFormat.Gemini)]
    [InlineData("""{"type":"video_url","video_url":{"url":"https://example.com/clip.mp4"}}""", WireFormat.OpenAi)]
    [InlineData("""{"type":"input_video","input_video":{"data":"AAAA"}}""", WireFormat.OpenAi)]
    [InlineData("""{"type":"audio_url","audio_url":{"url":"https://example.com/talk.mp3"}}""", WireFormat.OpenAi)]
    [InlineData("""{"type":"file","file":{"filename":"talk.mp3","file_data":"data:audio/mpeg;base64,SUQzBAAAAAAA"}}""", WireFormat.OpenAi)]
    public void EstimatePromptTokens_SoundOrWhatMayHoldIt_IsUnmeasuredAudio(string part, WireFormat upstream)
    {
        var estimate = Estimate(Parts(TextPart, part), "gemini-2.5-flash", upstream);

        Assert.True(estimate.Audio && estimate.Unmeasured);
    }

    [Theory]
    [InlineData("""{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}""", false)]
    [InlineData("""{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}""", false)]
    [InlineData("""{"type":"image_url","image_url":{"url":"data:application/pdf;base64,JVBERi0xLjcK"}}""", false)]
    [InlineData("""{"type":"file","file":{"file_id":"file-6F2ksmvXxt4VdoqmHRw6kL"}}""", true)]
    [InlineData("""{"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0xLjcK"}}""", true)]
    public void EstimatePromptTokens_ImagesAndDocuments_AreNotAudio(string part, bool document)
    {
        var estimate = Estimate(Parts(TextPart, part), "gpt-4o");

        Assert.Equal((false, document), (estimate.Audio, estimate.Documents));
    }

    [Fact]
    public void EstimatePromptTokens_TextAndImages_AreMeasured() =>
        Assert.False(Estimate(Parts(TextPart, ImagePart(100), AudioPart(640)), "gpt-4o").Unmeasured);

    private const string TextPart = """{"type":"text","text":"What is in this picture?"}""";

    private static string ImagePart(int base64Chars) =>
        $$$"""{"type":"image_url","image_url":{"url":"data:image/png;base64,{{{new string('A', base64Chars)}}}","detail":"high"}}""";

    private static string AudioPart(int base64Chars) =>
        $$$"""{"type":"input_audio","input_audio":{"data":"{{{new string('A', base64Chars)}}}","format":"wav"}}""";

    private static string FilePart(int base64Chars) =>
        $$$"""{"type":"file","file":{"file_data":"{{{new string('A', base64Chars)}}}"}}""";

    private static string Parts(params string[] parts) =>
        $$"""{"model":"m","messages":[{"role":"user","content":[{{string.Join(',', parts)}}]}]}""";

    /// <summary>The part's <c>type</c> string, counted like every other string of a message.</summary>
    private static int TypeTokens(string type, string model) =>
        (int)TiktokenEncodings.CounterFor(ModelFamilies.Resolve(model).Encoding).Count(type);

    private static int Chat(string body, string model) => Estimate(body, model).Tokens;

    private static PromptEstimate Estimate(string body, string model, WireFormat upstream = WireFormat.OpenAi) =>
        Estimator.EstimatePromptTokens(Encoding.UTF8.GetBytes(body), GatewayOperation.ChatCompletions, model, upstream);
}
