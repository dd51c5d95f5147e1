using Microsoft.ML.Tokenizers;

namespace Tollway.Gateway.Tests.Catalog.Tokens;

/// <summary>Tokenizers built by the tests themselves, to check the estimator against, independently of its own.</summary>
internal static class ReferenceTokenizers
{
    private static readonly Lazy<Tokenizer> O200kTokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100kTokenizer = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    public static Tokenizer O200k => O200kTokenizer.Value;

    public static Tokenizer Cl100k => Cl100kTokenizer.Value;
}
