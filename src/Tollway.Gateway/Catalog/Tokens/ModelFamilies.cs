namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>The model families the estimator knows, and which one an upstream model id belongs to.</summary>
internal static class ModelFamilies
{
    // The chat recipe of OpenAI's cookbook "How to count tokens with tiktoken" (section 6): every message is framed as
    // <|start|>{role}<|message|>{content}<|end|>, so each costs 3 tokens of framing plus the tokens of every string in
    // it, its role included; 1 more when it has a name; and 3 once for the <|start|>assistant<|message|> that primes
    // the reply. The cookbook checked it against the API's usage for gpt-3.5-turbo, gpt-4, gpt-4o and
    // gpt-4o-mini (129 and 124 tokens for its example; pinned by the tests). Its tools recipe (section 7) adds 12 tokens
    // once for the block of tool definitions ("func_end") besides per-function framing, which the raw JSON of the
    // definitions, counted in full here, far exceeds.
    private const int OpenAiTokensPerMessage = 3;
    private const int OpenAiReplyPriming = 3;
    private const int OpenAiToolsBlock = 12;

    // Families the cookbook did not check against the API may render a system preamble of their own. The harmony
    // format that gpt-oss publishes opens every conversation with identity, knowledge cutoff, current date, reasoning
    // level and channel rules: 75 o200k tokens with the tool-channel line. Held for every unchecked o200k family.
    private const int UnverifiedPreamble = 96;

    // The largest high-detail image cost among OpenAI's vision models. Tile models (gpt-4o, gpt-4.1, gpt-4.5, o1, o3,
    // gpt-5) scale an image to fit 2048x2048 and its short side to 768, so at most 2x4 tiles of 512px: gpt-4o's
    // 85 + 8 x 170 = 1,445 is the largest of them. Patch models (gpt-4.1-mini/nano, o4-mini, gpt-5-mini/nano) cap an
    // image at 1,536 patches of 32px times a per-model multiplier, 2.46 at most (gpt-4.1-nano): 3,779. Rounded up to
    // leave room for multipliers not yet published.
    private const int OpenAiImageTokens = 4_096;

    // gpt-4o-mini bills images at about 33 times the tokens so that they cost what they cost on gpt-4o: 2,833 base and
    // 5,667 per tile, so 2,833 + 8 x 5,667 for the largest high-detail image.
    private const int Gpt4oMiniImageTokens = 48_169;

    // Anthropic adds a system prompt of up to 346 tokens (Claude 4, tool_choice auto) to every request that offers
    // tools, beside the definitions themselves, which the open templates' 128 would not cover for a small tool.
    private const int ClaudeToolUseSystemPrompt = 512;

    /// <summary>gpt-3.5 and gpt-4 (not 4o): the cookbook's recipe on cl100k_base, checked against the API.</summary>
    public static readonly ModelFamily Cl100k = new(
        "cl100k", TokenEncoding.Cl100kBase, OpenAiTokensPerMessage, OpenAiReplyPriming, 0, OpenAiToolsBlock, 0, OpenAiImageTokens, BoundsAudio: true);

    /// <summary>gpt-4o: the cookbook's recipe on o200k_base, checked against the API.</summary>
    public static readonly ModelFamily Gpt4o = new(
        "gpt-4o", TokenEncoding.O200kBase, OpenAiTokensPerMessage, OpenAiReplyPriming, 0, OpenAiToolsBlock, 0, OpenAiImageTokens, BoundsAudio: true);

    /// <summary>gpt-4o-mini: as gpt-4o, with its far dearer images.</summary>
    public static readonly ModelFamily Gpt4oMini = Gpt4o with { Name = "gpt-4o-mini", ImageTokens = Gpt4oMiniImageTokens };

    /// <summary>
    /// Other o200k models (chatgpt-4o, gpt-4.1, gpt-4.5, gpt-5, the o-series, gpt-oss): the same recipe plus a preamble.
    /// </summary>
    public static readonly ModelFamily O200k = Gpt4o with { Name = "o200k", TemplateAllowance = UnverifiedPreamble };

    /// <summary>
    /// Any other model (Llama, Qwen, DeepSeek, Mistral, Gemma…): UTF-8 bytes for text, and the framing of the
    /// open chat templates: Llama 3's <c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\n…&lt;|eot_id|&gt;</c>
    /// and Gemma's <c>&lt;start_of_turn&gt;role\n…&lt;end_of_turn&gt;\n</c> take at most 5 tokens besides the role;
    /// default system prompts (Llama 3.1's knowledge and today's date, Qwen's "You are Qwen…") stay under 64; the tool
    /// instructions of Qwen 2.5's template are 104 tokens and Llama 3.1's 78; BOS, EOS and a SentencePiece dummy
    /// prefix make 3 per input; and Qwen2-VL's default of 12,845,056 pixels in 28px patches allows 16,384 tokens an
    /// image.
    /// </summary>
    public static readonly ModelFamily Unknown = new("unknown", TokenEncoding.Utf8Bytes, 5, 5, 64, 128, 3, 16_384);

    /// <summary>
    /// Claude: UTF-8 bytes and the open templates' framing, as <see cref="Unknown"/> (a largest image, 1,568 px a side,
    /// is about 1,600 tokens, well inside its allowance), with room for Anthropic's tool-use system prompt.
    /// </summary>
    public static readonly ModelFamily Claude = Unknown with { Name = "claude", ToolsAllowance = ClaudeToolUseSystemPrompt };

    /// <summary>The family of an upstream model id; a <c>provider/</c> prefix (<c>openai/gpt-4o-mini</c>) is ignored.</summary>
    public static ModelFamily Resolve(string upstreamModel)
    {
        ArgumentNullException.ThrowIfNull(upstreamModel);
        var model = upstreamModel.AsSpan();
        model = model[(model.LastIndexOf('/') + 1)..];

        if (Starts(model, "gpt-4o-mini"))
        {
            return Gpt4oMini;
        }

        if (Starts(model, "gpt-4o"))
        {
            return Gpt4o;
        }

        if (Starts(model, "chatgpt-4o") || Starts(model, "gpt-4.1") || Starts(model, "gpt-4.5") || Starts(model, "gpt-5")
            || Starts(model, "gpt-oss") || IsFamily(model, "o1") || IsFamily(model, "o3") || IsFamily(model, "o4"))
        {
            return O200k;
        }

        if (Starts(model, "claude"))
        {
            return Claude;
        }

        // Only the exact names and their dash-suffixed versions: an unknown gpt-4.x or text-embedding-4 must not be
        // counted with an older, possibly smaller, vocabulary.
        if (IsFamily(model, "gpt-4") || IsFamily(model, "gpt-3.5") || IsFamily(model, "text-embedding-3")
            || IsFamily(model, "text-embedding-ada-002"))
        {
            return Cl100k;
        }

        return Unknown;
    }

    private static bool Starts(ReadOnlySpan<char> model, string prefix) =>
        model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The name itself, or the name followed by <c>-</c> (a version or size: <c>o1-mini</c>, <c>gpt-4-0613</c>).</summary>
    private static bool IsFamily(ReadOnlySpan<char> model, string name) =>
        Starts(model, name) && (model.Length == name.Length || model[name.Length] == '-');
}
