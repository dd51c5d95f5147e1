using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// A Gemini <c>generateContent</c> / <c>streamGenerateContent</c> / <c>batchEmbedContents</c> request as the fake reads
/// it, checked the way Google's API checks it: the key in <c>x-goog-api-key</c> (a key in the URL is refused here, since
/// the gateway must never put it there), the method and model in the path, only members the API defines at the top
/// level and in <c>generationConfig</c> (it refuses unknown names), a non-empty <c>contents</c> of <c>user</c>/<c>model</c>
/// turns with non-empty <c>parts</c>.
/// </summary>
internal sealed class GeminiFakeRequest
{
    /// <summary>Where Gemini's methods live on the fake (its base URL is <c>http://127.0.0.1:PORT/v1beta</c>).</summary>
    public const string PathPrefix = "/v1beta/models/";

    private static readonly HashSet<string> TopLevelMembers =
        ["contents", "tools", "toolConfig", "safetySettings", "systemInstruction", "generationConfig", "cachedContent"];

    private static readonly HashSet<string> GenerationConfigMembers =
    [
        "stopSequences", "responseMimeType", "responseSchema", "responseJsonSchema", "responseModalities", "candidateCount",
        "maxOutputTokens", "temperature", "topP", "topK", "seed", "presencePenalty", "frequencyPenalty", "responseLogprobs",
        "logprobs", "thinkingConfig", "mediaResolution",
    ];

    public string Model { get; private init; } = "";

    public string Method { get; private init; } = "";

    public string? FirstFunctionName { get; private init; }

    public bool LastTurnIsFunctionResponse { get; private init; }

    public bool IncludeThoughts { get; private init; }

    /// <summary>For <c>batchEmbedContents</c>: the texts and the requested dimensions.</summary>
    public List<(string Text, int? Dimensions)> Embeddings { get; } = [];

    public static (GeminiFakeRequest? Request, int Status, string ErrorStatus, string Message) Check(HttpRequest http, byte[] body)
    {
        if (http.Query.ContainsKey("key"))
        {
            return (null, 400, "INVALID_ARGUMENT", "The fake refuses an API key in the URL: it must travel in x-goog-api-key.");
        }

        if (string.IsNullOrEmpty(http.Headers["x-goog-api-key"]))
        {
            return (null, 403, "PERMISSION_DENIED",
                "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
        }

        var target = (http.Path.Value ?? "")[PathPrefix.Length..];
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || target[(colon + 1)..] is not ("generateContent" or "streamGenerateContent" or "batchEmbedContents") || target[..colon].Contains('/'))
        {
            return (null, 404, "NOT_FOUND", $"models/{target} is not found for API version v1beta, or is not supported.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, 400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
        }

        using (document)
        {
            var request = new GeminiFakeRequest { Model = target[..colon], Method = target[(colon + 1)..] };
            var error = request.Method == "batchEmbedContents" ? request.ReadEmbeddings(document.RootElement) : Validate(document.RootElement);
            if (error is not null)
            {
                return (null, 400, "INVALID_ARGUMENT", error);
            }

            return (request.Method == "batchEmbedContents" ? request : Describe(request, document.RootElement), 200, "", "");
        }
    }

    private static string? Validate(JsonElement root)
    {
        foreach (var member in root.EnumerateObject())
        {
            if (!TopLevelMembers.Contains(member.Name))
            {
                return $"Invalid JSON payload received. Unknown name \"{member.Name}\": Cannot find field.";
            }
        }

        if (root.TryGetProperty("generationConfig", out var config))
        {
            foreach (var member in config.EnumerateObject())
            {
                if (!GenerationConfigMembers.Contains(member.Name))
                {
                    return $"Invalid JSON payload received. Unknown name \"{member.Name}\" at 'generation_config': Cannot find field.";
                }
            }
        }

        if (!root.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array || contents.GetArrayLength() == 0)
        {
            return "* GenerateContentRequest.contents: contents is not specified";
        }

        foreach (var content in contents.EnumerateArray())
        {
            if (!content.TryGetProperty("role", out var role) || role.GetString() is not ("user" or "model"))
            {
                return "Please use a valid role: user, model.";
            }

            if (!content.TryGetProperty("parts", out var parts) || parts.GetArrayLength() == 0)
            {
                return "* GenerateContentRequest.contents.parts: contents.parts must not be empty.";
            }
        }

        return null;
    }

    private static GeminiFakeRequest Describe(GeminiFakeRequest request, JsonElement root)
    {
        var contents = root.GetProperty("contents");
        var last = contents[contents.GetArrayLength() - 1].GetProperty("parts");
        string? firstFunction = null;
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            firstFunction = tools.EnumerateArray()
                .Where(tool => tool.TryGetProperty("functionDeclarations", out _))
                .SelectMany(tool => tool.GetProperty("functionDeclarations").EnumerateArray())
                .Select(declaration => declaration.GetProperty("name").GetString())
                .FirstOrDefault();
        }

        return new GeminiFakeRequest
        {
            Model = request.Model,
            Method = request.Method,
            FirstFunctionName = firstFunction,
            LastTurnIsFunctionResponse = last.EnumerateArray().Any(part => part.TryGetProperty("functionResponse", out _)),
            IncludeThoughts = root.TryGetProperty("generationConfig", out var config) && config.TryGetProperty("thinkingConfig", out var thinking)
                && thinking.TryGetProperty("includeThoughts", out var include) && include.ValueKind == JsonValueKind.True,
        };
    }

    /// <summary>Each request must name this model (as <c>models/…</c>) and carry text parts.</summary>
    private string? ReadEmbeddings(JsonElement root)
    {
        if (!root.TryGetProperty("requests", out var requests) || requests.ValueKind != JsonValueKind.Array || requests.GetArrayLength() == 0)
        {
            return "* BatchEmbedContentsRequest.requests: requests is not specified";
        }

        foreach (var request in requests.EnumerateArray())
        {
            if (!request.TryGetProperty("model", out var model) || model.GetString() != "models/" + Model)
            {
                return $"Model names in the batch must match the URL's model models/{Model}.";
            }

            var text = string.Concat(request.GetProperty("content").GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
            int? dimensions = request.TryGetProperty("outputDimensionality", out var d) ? d.GetInt32() : null;
            Embeddings.Add((text, dimensions));
        }

        return null;
    }
}
