using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// Audio input at its own rate: held at the dearest of it (the whole window when its length is not known, as a video's
/// sound or a recording Gemini fetches), charged on the audio tokens the provider reports per modality, and refused at
/// an endpoint without an audio price; a spoken answer, which no endpoint has a price for, refused — each refusal with no
/// upstream call and no money moved.
/// </summary>
public sealed class AudioInputTests(FeaturePricingFixture gateway) : IClassFixture<FeaturePricingFixture>
{
    private const int MaxTokens = 1_000;

    private const string Wav = """{"type":"image_url","image_url":{"url":"data:audio/wav;base64,UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA="}}""";
    private const string Mp4 = """{"type":"image_url","image_url":{"url":"data:video/mp4;base64,AAAAIGZ0eXBpc29tAAACAGlzb21pc28yYXZjMW1wNDE="}}""";
    private const string Video = """{"type":"image_url","image_url":{"url":"https://www.youtube.com/watch?v=9hE5-98ZeCg"}}""";

    public static TheoryData<string> SoundParts => new() { Wav, Mp4, Video };

    [Theory]
    [MemberData(nameof(SoundParts))]
    public async Task Chat_SoundForGemini_HoldsTheWindowAtTheAudioRate(string part)
    {
        // The whole 100,000-token window at $3/M (audio), not $1/M (text), and 1,000 output tokens at $2/M.
        const long bound = (PromptBoundsFixture.ContextWindow * 3_000L) + (MaxTokens * 2_000L);
        var body = Chat("audio-gemini", part);

        await Holds.AssertHoldsExactlyAsync(gateway, bound, key => gateway.PostAsync("/v1/chat/completions", body, key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_AudioReportedByGemini_IsChargedAtTheAudioRate(bool stream)
    {
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 10_000, CompletionTokens: 100) { AudioTokens = 4_000 }));

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("audio-gemini", Wav, stream), stream: stream);
        if (stream)
        {
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var charge = await Infrastructure.Billing.WaitForChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal((6_000 * 1_000L) + (4_000 * 3_000L) + (100 * 2_000L), charge.Total);
    }

    [Fact]
    public async Task Chat_AudioReportedByAnOpenAiAudioModel_IsChargedAtTheAudioRate()
    {
        // Within what was held: the 165 tokens the audio part's data bounds, and the text around it.
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 150, CompletionTokens: 100) { AudioTokens = 120 }));

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("audio-gpt", AudioPart(6_400)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var charge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal((30 * 1_000L) + (120 * 4_000L) + (100 * 2_000L), charge!.Total);
    }

    [Fact]
    public async Task Chat_AudioPartForAnOpenAiAudioModel_IsHeldAtTheAudioRate()
    {
        var shorter = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions", Chat("audio-gpt", AudioPart(6_400)), key));
        var longer = await Holds.WorstCaseAsync(gateway, key => gateway.PostAsync("/v1/chat/completions", Chat("audio-gpt", AudioPart(12_800)), key));

        // 6,400 more base64 chars bound 100 more audio tokens, held at $4/M, not at the $1/M of text.
        Assert.Equal(100 * 4_000L, longer - shorter);
    }

    public static TheoryData<string, string> UnpricedAudio => new()
    {
        { "bounded-gemini", Wav },
        { "bounded-gemini", Mp4 },
        { "bounded-gemini", Video },
        { "bounded-gpt", AudioPart(6_400) },
        { "bounded-gpt", """{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"aac"}}""" },
        { "bounded-claude", AudioPart(6_400) },
    };

    [Theory]
    [MemberData(nameof(UnpricedAudio))]
    public async Task Chat_AudioForAnEndpointWithoutAnAudioPrice_Answers400WithoutUpstreamCall(string model, string part) =>
        await Refusals.AssertRefusedAsync(gateway, Chat(model, part), "feature_not_priced", "messages");

    [Fact]
    public async Task Chat_SpokenAnswer_Answers400WithoutUpstreamCall() =>
        await Refusals.AssertRefusedAsync(
            gateway, Chat("audio-gpt", AudioPart(6_400), members: ""","modalities":["text","audio"],"audio":{"voice":"alloy","format":"wav"}"""), null, "modalities");

    private static string AudioPart(int base64Chars) =>
        $$$"""{"type":"input_audio","input_audio":{"data":"{{{new string('A', base64Chars)}}}","format":"wav"}}""";

    private static string Chat(string model, string part, bool stream = false, string members = "") =>
        $$"""{"model":"{{model}}","max_tokens":{{MaxTokens}}{{members}},"stream":{{(stream ? "true,\"stream_options\":{\"include_usage\":true}" : "false")}},"messages":[{"role":"user","content":[{"type":"text","text":"What is said here?"},{{part}}]}]}""";
}
