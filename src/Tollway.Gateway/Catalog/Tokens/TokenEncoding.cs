namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>How text is turned into a token count for a model family.</summary>
internal enum TokenEncoding
{
    /// <summary>
    /// The model's tokenizer is not available here: one token per UTF-8 byte. Byte-level BPE tokenizers (Llama 3, Qwen,
    /// DeepSeek, Mistral's Tekken, GPT-2 style) never emit a token that covers less than one byte, so this can only
    /// overcount the text; SentencePiece with byte fallback (Llama 2, Gemma) neither, apart from one dummy-prefix piece
    /// per text, which the per-message and per-input allowances of <see cref="ModelFamily"/> cover.
    /// </summary>
    Utf8Bytes,

    /// <summary>OpenAI's <c>cl100k_base</c> (gpt-4, gpt-3.5, the text-embedding models).</summary>
    Cl100kBase,

    /// <summary>OpenAI's <c>o200k_base</c> (gpt-4o and later, the o-series, gpt-oss).</summary>
    O200kBase,
}
