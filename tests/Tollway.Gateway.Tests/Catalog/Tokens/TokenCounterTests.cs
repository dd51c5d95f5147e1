using System.Text;
using System.Text.Json;
using Tollway.Gateway.Catalog.Tokens;

namespace Tollway.Gateway.Tests.Catalog.Tokens;

public sealed class TokenCounterTests
{
    // Counts the tokenizer gives, checked once by running it. The cookbook rows are printed, token ids and all, in OpenAI's
    // cookbook "How to count tokens with tiktoken" for both encodings: "tiktoken is great!" is [83, 1609, 5963, 374,
    // 2294, 0] in cl100k_base and [83, 8251, 2488, 382, 2212, 0] in o200k_base, and its comparison of encodings gives
    // "antidisestablishmentarianism" 6 and 6, "2 + 2 = 4" 7 and 7, "お誕生日おめでとう" 9 and 8.
    [Theory]
    [InlineData("Hello world", 2, 2)]
    [InlineData("tiktoken is great!", 6, 6)]
    [InlineData("antidisestablishmentarianism", 6, 6)]
    [InlineData("2 + 2 = 4", 7, 7)]
    [InlineData("お誕生日おめでとう", 9, 8)]
    [InlineData("The quick brown fox jumps over the lazy dog.", 10, 10)]
    [InlineData("héllo wörld", 6, 5)]
    [InlineData("👋🌍", 6, 4)]
    [InlineData("", 0, 0)]
    public void Count_KnownText_MatchesTiktoken(string text, int cl100k, int o200k)
    {
        Assert.Equal(cl100k, TiktokenEncodings.CounterFor(TokenEncoding.Cl100kBase).Count(text));
        Assert.Equal(o200k, TiktokenEncodings.CounterFor(TokenEncoding.O200kBase).Count(text));
    }

    [Fact]
    public void Count_CookbookExample_HasItsPublishedTokenIds()
    {
        Assert.Equal([83, 1609, 5963, 374, 2294, 0], ReferenceTokenizers.Cl100k.EncodeToIds("tiktoken is great!"));
        Assert.Equal([83, 8251, 2488, 382, 2212, 0], ReferenceTokenizers.O200k.EncodeToIds("tiktoken is great!"));
    }

    [Theory]
    [InlineData("Hello world", 11)]
    [InlineData("héllo", 6)]
    [InlineData("お誕生日おめでとう", 27)]
    [InlineData("👋🌍", 8)]
    public void Count_Utf8Bytes_CountsBytes(string text, int bytes) =>
        Assert.Equal(bytes, TokenCounter.Utf8Bytes.Count(text));

    [Theory]
    [InlineData(nameof(TokenEncoding.Cl100kBase))]
    [InlineData(nameof(TokenEncoding.O200kBase))]
    public void Count_SpecialTokenText_IsChargedItsLengthNotOneToken(string encoding)
    {
        var counter = TiktokenEncodings.CounterFor(Enum.Parse<TokenEncoding>(encoding));

        // The tokenizer alone reads it as the single special token; as plain text it takes several.
        Assert.Equal(1, ReferenceTokenizers.O200k.CountTokens("<|endoftext|>"));
        Assert.Equal("<|endoftext|>".Length, counter.Count("<|endoftext|>"));
        Assert.True(counter.Count("say <|endoftext|> twice <|endoftext|>") >= 2 * "<|endoftext|>".Length);
        Assert.True(counter.Count("<|endofprompt|>") >= "<|endofprompt|>".Length);
    }

    [Fact]
    public void CountJsonString_EscapedText_CountsTheUnescapedText()
    {
        var counter = TiktokenEncodings.CounterFor(TokenEncoding.O200kBase);
        var reader = new Utf8JsonReader("\"caf\\u00e9 \\ud83d\\udc4b\\n\""u8);
        reader.Read();

        Assert.Equal(counter.Count("café 👋\n"), counter.CountJsonString(ref reader));
    }

    [Fact]
    public void CountJsonString_EscapedTextInBytes_CountsTheUnescapedBytes()
    {
        var reader = new Utf8JsonReader("\"caf\\u00e9\\n\""u8);
        reader.Read();

        Assert.Equal(Encoding.UTF8.GetByteCount("café\n"), TokenCounter.Utf8Bytes.CountJsonString(ref reader));
    }

    [Fact]
    public void CountJsonString_LongText_CountsLikeTheWholeString()
    {
        var text = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog. ", 200));
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text)));
        reader.Read();

        Assert.Equal(ReferenceTokenizers.Cl100k.CountTokens(text), TiktokenEncodings.CounterFor(TokenEncoding.Cl100kBase).CountJsonString(ref reader));
    }

    [Fact]
    public void CountUtf8_RawJson_CountsItsText()
    {
        const string json = """[{"type":"function","function":{"name":"get_weather"}}]""";

        Assert.Equal(ReferenceTokenizers.O200k.CountTokens(json), TiktokenEncodings.CounterFor(TokenEncoding.O200kBase).CountUtf8(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(json.Length, TokenCounter.Utf8Bytes.CountUtf8(Encoding.UTF8.GetBytes(json)));
    }
}
