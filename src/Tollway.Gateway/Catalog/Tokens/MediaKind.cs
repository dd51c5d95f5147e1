namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>The kinds of non-text content part a chat message can carry.</summary>
internal enum MediaKind
{
    None,

    /// <summary><c>image_url</c>: an image, or anything else a data URL or a fetched URL may hold.</summary>
    Image,

    /// <summary><c>input_audio</c>: base64 audio, billed by its duration.</summary>
    Audio,

    /// <summary><c>file</c>: a document by id or as base64 data, billed by its pages and text.</summary>
    File,

    /// <summary><c>video_url</c>, <c>input_video</c>, <c>audio_url</c> (vLLM, Qwen, OpenRouter): media by reference,
    /// billed by a length nothing in the request gives.</summary>
    Recording,
}
