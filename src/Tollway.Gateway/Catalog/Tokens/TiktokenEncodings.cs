using Microsoft.ML.Tokenizers;

namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>
/// The tiktoken vocabularies, each loaded once on first use from its data package: o200k_base takes a few hundred
/// milliseconds, and the two hold some 60 MB, which a gateway that only serves other families never pays. A tokenizer
/// is immutable once built and safe to share between threads.
/// </summary>
internal static class TiktokenEncodings
{
    private static readonly Lazy<TokenCounter> Cl100k = new(() => Load("cl100k_base"), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<TokenCounter> O200k = new(() => Load("o200k_base"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The counter for an encoding; <see cref="TokenEncoding.Utf8Bytes"/> needs no tokenizer.</summary>
    public static TokenCounter CounterFor(TokenEncoding encoding) => encoding switch
    {
        TokenEncoding.Cl100kBase => Cl100k.Value,
        TokenEncoding.O200kBase => O200k.Value,
        _ => TokenCounter.Utf8Bytes,
    };

    private static TokenCounter Load(string encodingName)
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding(encodingName);
        return new TokenCounter(tokenizer, [.. tokenizer.SpecialTokens?.Keys ?? []]);
    }
}
