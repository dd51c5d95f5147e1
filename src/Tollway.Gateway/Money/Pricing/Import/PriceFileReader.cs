using System.Text.Json;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>Recognises a price file by its content (OpenRouter's <c>data</c> array, or LiteLLM's per-model objects) and reads it.</summary>
public static class PriceFileReader
{
    /// <summary>The file's prices, or <see langword="null"/> with <paramref name="error"/> when it is neither format.</summary>
    public static PriceFile? TryRead(ReadOnlyMemory<byte> content, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (OpenRouterPriceFile.Recognises(root))
            {
                return new PriceFile(PriceFileFormat.OpenRouter, OpenRouterPriceFile.Read(root));
            }

            if (LiteLlmPriceFile.Recognises(root))
            {
                return new PriceFile(PriceFileFormat.LiteLlm, LiteLlmPriceFile.Read(root));
            }

            error = "neither an OpenRouter models list (an object with a 'data' array) nor a LiteLLM price map (objects with 'litellm_provider')";
            return null;
        }
        catch (JsonException ex)
        {
            error = $"not JSON: {ex.Message}";
            return null;
        }
    }
}
