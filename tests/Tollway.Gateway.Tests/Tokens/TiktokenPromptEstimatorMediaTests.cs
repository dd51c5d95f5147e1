using System.Text;
using Tollway.Gateway.Providers;
using Tollway.Gateway.Tokens;

namespace Tollway.Gateway.Tests.Tokens;

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

    [Fact]
    public void EstimatePromptTokens_FilePart_HoldsAPageImageAndItsDecodedBytes()
    {
        var small = Chat(Parts(FilePart(base64Chars: 4_000)), "gpt-4o");
        var large = Chat(Parts(FilePart(base64Chars: 8_000)), "gpt-4o");

        Assert.True(small >= 4_096 + 3_000);
        Assert.Equal(3_000, large - small);
    }

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

    private static int Chat(string body, string model) =>
        Estimator.EstimatePromptTokens(Encoding.UTF8.GetBytes(body), GatewayOperation.ChatCompletions, model);
}
