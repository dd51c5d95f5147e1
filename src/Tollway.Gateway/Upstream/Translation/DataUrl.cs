namespace Tollway.Gateway.Upstream.Translation;

/// <summary>An image given as <c>data:MEDIA;base64,DATA</c>, split into its media type and its base64 payload.</summary>
internal readonly record struct DataUrl(string MediaType, string Base64)
{
    public static bool TryParse(string url, out DataUrl dataUrl)
    {
        dataUrl = default;
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        var header = comma < 0 ? "" : url[5..comma];
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var mediaType = header[..^";base64".Length];
        dataUrl = new DataUrl(mediaType.Length == 0 ? "application/octet-stream" : mediaType, url[(comma + 1)..]);
        return true;
    }

    /// <summary>A media type guessed from a URL's extension, for providers that want one with every file URL.</summary>
    public static string GuessMediaType(string url)
    {
        var path = url.Split('?', '#')[0];
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".png" => "image/png",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".heic" => "image/heic",
            ".heif" => "image/heif",
            ".pdf" => "application/pdf",
            _ => "image/jpeg",
        };
    }
}
