using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>
/// Counts the tokens of text with one tiktoken vocabulary, or its UTF-8 bytes when there is none. Text is decoded into
/// a stack or pooled buffer and counted in place: nothing is allocated beyond what the tokenizer needs.
/// </summary>
internal readonly struct TokenCounter
{
    // Strings up to this many chars are decoded on the stack (512 bytes); longer ones into a pooled array.
    private const int StackChars = 256;

    private readonly Tokenizer? _tokenizer;
    private readonly string[] _specialTokens;

    public TokenCounter(Tokenizer tokenizer, string[] specialTokens)
    {
        _tokenizer = tokenizer;
        _specialTokens = specialTokens;
    }

    /// <summary>One token per UTF-8 byte (see <see cref="TokenEncoding.Utf8Bytes"/>).</summary>
    public static TokenCounter Utf8Bytes => default;

    public bool CountsBytes => _tokenizer is null;

    public long Count(ReadOnlySpan<char> text)
    {
        if (_tokenizer is null)
        {
            return Encoding.UTF8.GetByteCount(text);
        }

        return _tokenizer.CountTokens(text) + SpecialTokenShortfall(text);
    }

    /// <summary>Counts UTF-8 text (raw JSON, for tool definitions).</summary>
    public long CountUtf8(ReadOnlySpan<byte> utf8)
    {
        if (_tokenizer is null)
        {
            return utf8.Length;
        }

        // A UTF-8 byte never decodes to more than one UTF-16 char.
        char[]? rented = null;
        var buffer = utf8.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(utf8, buffer);
            return Count(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Counts the unescaped value of the JSON string the reader is on.</summary>
    public long CountJsonString(ref Utf8JsonReader reader)
    {
        // Unescaping never lengthens a JSON string, in bytes or in chars; the reader is over one span, so no sequence.
        var rawLength = reader.ValueSpan.Length;
        if (_tokenizer is null && !reader.ValueIsEscaped)
        {
            return rawLength;
        }

        if (_tokenizer is null)
        {
            byte[]? rentedBytes = null;
            var bytes = rawLength <= StackChars ? stackalloc byte[StackChars] : (rentedBytes = ArrayPool<byte>.Shared.Rent(rawLength));
            try
            {
                return reader.CopyString(bytes);
            }
            finally
            {
                if (rentedBytes is not null)
                {
                    ArrayPool<byte>.Shared.Return(rentedBytes);
                }
            }
        }

        char[]? rented = null;
        var buffer = rawLength <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(rawLength));
        try
        {
            var length = reader.CopyString(buffer);
            return Count(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Tokens the tokenizer saves by reading special-token text (<c>&lt;|endoftext|&gt;</c>) as one token. A provider
    /// may count such text in a message as plain text, several tokens, and the tokenizer cannot be built without its
    /// special tokens; so each occurrence is charged its length in chars, which no plain-text tokenization of it (ASCII,
    /// at least one char a token) can exceed.
    /// </summary>
    private long SpecialTokenShortfall(ReadOnlySpan<char> text)
    {
        if (!text.Contains("<|", StringComparison.Ordinal))
        {
            return 0;
        }

        long shortfall = 0;
        foreach (var special in _specialTokens)
        {
            shortfall += (long)text.Count(special.AsSpan()) * (special.Length - 1);
        }

        return shortfall;
    }
}
