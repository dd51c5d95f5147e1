using System.Text.Json;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// OpenRouter's <c>plugins</c>, which OpenRouter runs and bills beside the model. The <c>web</c> plugin is billed per
/// result, up to its <c>max_results</c> (5 unless given), and is billed here only on Exa's engine, named: the default
/// engine of some models is their provider's native search, billed per call at prices a per-result price does not
/// cover. The <c>file-parser</c> plugin must name a PDF engine that is free or billed as tokens (<c>native</c>,
/// <c>pdf-text</c>, <c>cloudflare-ai</c>): Mistral OCR is billed per page, which nothing in the request bounds. Any
/// other plugin has a price the gateway does not know, and is refused. Every member of a plugin is looked at: of a
/// repeated one, OpenRouter may read either.
/// </summary>
internal static class OpenRouterPlugins
{
    private const string NotAnArray = "'plugins' must be an array of plugin objects, each with one 'id'.";
    private const string WebNeedsExa = "The web plugin is billed here per result of Exa's engine only: give it \"engine\": \"exa\".";
    private const string PaidPdfEngine =
        "The file-parser plugin's 'pdf.engine' must be 'native', 'pdf-text' or 'cloudflare-ai': OCR billed per page cannot be held for.";

    /// <summary>The web results the plugins ask for and whether they name a PDF engine, or why they cannot be billed.</summary>
    public static (int WebResults, bool PdfEngineNamed, string? Refusal) Read(ReadOnlySpan<byte> value)
    {
        var reader = new Utf8JsonReader(value);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return (0, false, NotAnArray);
        }

        var results = 0;
        var pdfEngineNamed = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var copy = reader;
            var (webResults, named, refusal) = reader.TokenType != JsonTokenType.StartObject ? (0, false, NotAnArray)
                : Id(ref copy) switch
                {
                    "web" => Web(ref reader),
                    "file-parser" => FileParser(ref reader),
                    null => (0, false, NotAnArray),
                    _ => (0, false, "Only the 'web' and 'file-parser' plugins can be billed on this gateway."),
                };
            if (refusal is not null)
            {
                return (0, false, refusal);
            }

            results = Math.Max(results, webResults);
            pdfEngineNamed |= named;
        }

        return (results, pdfEngineNamed, null);
    }

    /// <summary>The plugin's <c>id</c>, or <see langword="null"/> when it has none, or more than one value.</summary>
    private static string? Id(ref Utf8JsonReader reader)
    {
        string? id = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (value is null || (id is not null && id != value))
                {
                    return null;
                }

                id = value;
            }
        }

        return id;
    }

    private static (int, bool, string?) Web(ref Utf8JsonReader reader)
    {
        int? results = null;
        var exa = false;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1)
            {
                continue;
            }

            if (reader.ValueTextEquals("engine"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("exa"u8))
                {
                    return (0, false, WebNeedsExa);
                }

                exa = true;
            }
            else if (reader.ValueTextEquals("max_results"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var max) || max < 1)
                {
                    return (0, false, "The web plugin's 'max_results' must be a positive integer.");
                }

                results = Math.Max(results ?? 0, max);
            }
        }

        return exa ? (results ?? Money.Billing.SearchingEndpoints.DefaultWebResults, false, null) : (0, false, WebNeedsExa);
    }

    private static (int, bool, string?) FileParser(ref Utf8JsonReader reader)
    {
        var named = false;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("pdf"u8))
            {
                reader.Read();
                if (PdfEngines(ref reader) is not { } engine)
                {
                    return (0, false, PaidPdfEngine);
                }

                named |= engine;
            }
        }

        return (0, named, null);
    }

    /// <summary>Whether a <c>pdf</c> object names an engine (every one free or billed as tokens), or
    /// <see langword="null"/> when one may be billed per page. Leaves the reader on the value's last token.</summary>
    private static bool? PdfEngines(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        bool? named = false;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("engine"u8))
            {
                reader.Read();
                var free = reader.TokenType == JsonTokenType.String
                    && (reader.ValueTextEquals("native"u8) || reader.ValueTextEquals("pdf-text"u8) || reader.ValueTextEquals("cloudflare-ai"u8));
                named = free && named is not null ? true : null;
                reader.Skip();
            }
        }

        return named;
    }
}
