namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>The members of one Messages API stream event that translation needs, read by <see cref="AnthropicEventReader"/>.</summary>
internal sealed class AnthropicEvent
{
    /// <summary><c>message_start</c>, <c>content_block_start</c>, <c>content_block_delta</c>, <c>content_block_stop</c>,
    /// <c>message_delta</c>, <c>message_stop</c>, <c>ping</c> or <c>error</c>.</summary>
    public string? Type { get; set; }

    public int Index { get; set; }

    /// <summary><c>message.id</c> of <c>message_start</c>.</summary>
    public string? MessageId { get; set; }

    /// <summary><c>message.model</c> of <c>message_start</c>.</summary>
    public string? Model { get; set; }

    /// <summary><c>content_block.type</c>: <c>text</c>, <c>tool_use</c>, <c>thinking</c>, <c>redacted_thinking</c>…</summary>
    public string? BlockType { get; set; }

    public string? BlockId { get; set; }

    public string? BlockName { get; set; }

    /// <summary>Text a starting block already carries.</summary>
    public string? BlockText { get; set; }

    /// <summary><c>delta.type</c>: <c>text_delta</c>, <c>input_json_delta</c>, <c>thinking_delta</c>, <c>signature_delta</c>.</summary>
    public string? DeltaType { get; set; }

    /// <summary>The delta's <c>text</c>, <c>partial_json</c> or <c>thinking</c>.</summary>
    public string? DeltaText { get; set; }

    /// <summary><c>delta.stop_reason</c> of <c>message_delta</c>.</summary>
    public string? StopReason { get; set; }

    public string? ErrorType { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>Usage of <c>message_start</c> (<c>message.usage</c>) or <c>message_delta</c> (<c>usage</c>).</summary>
    public AnthropicUsage? Usage { get; set; }
}
