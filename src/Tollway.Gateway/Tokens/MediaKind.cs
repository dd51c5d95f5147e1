namespace Tollway.Gateway.Tokens;

/// <summary>The kinds of non-text content part a chat message can carry.</summary>
internal enum MediaKind
{
    None,
    Image,
    Audio,
    File,
}
