using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Security;

/// <summary>The hostile corpus: every case of every <c>Corpus/*.json</c> file, read once, with the minimums it must keep.</summary>
public static class HostileCorpus
{
    /// <summary>The categories a case belongs to, each of which must keep <see cref="MinimumPerCategory"/> cases.</summary>
    public static readonly IReadOnlyList<string> Categories = ["types", "ranges", "encodings", "sizes", "structure", "auth", "money"];

    /// <summary>The endpoint groups, each of which must keep <see cref="MinimumPerEndpoint"/> cases.</summary>
    public static readonly IReadOnlyList<string> Endpoints = ["chat", "completions", "embeddings", "messages", "count_tokens", "account", "siwe", "x402", "admin"];

    public const int MinimumPerCategory = 15;

    public const int MinimumPerEndpoint = 10;

    public const int MinimumTotal = 200;

    private static readonly Lazy<IReadOnlyDictionary<string, CorpusCase>> Loaded = new(Load);

    public static string Directory => RepositoryFiles.PathOf("tests", "Tollway.FunctionalTests", "Security", "Corpus");

    public static IReadOnlyDictionary<string, CorpusCase> Cases => Loaded.Value;

    /// <summary>The endpoint group of a path.</summary>
    public static string EndpointOf(string path) => path switch
    {
        _ when path.StartsWith("/v1/chat/completions", StringComparison.Ordinal) => "chat",
        _ when path.StartsWith("/v1/completions", StringComparison.Ordinal) => "completions",
        _ when path.StartsWith("/v1/embeddings", StringComparison.Ordinal) => "embeddings",
        _ when path.StartsWith("/v1/messages/count_tokens", StringComparison.Ordinal) => "count_tokens",
        _ when path.StartsWith("/v1/messages", StringComparison.Ordinal) => "messages",
        _ when path.StartsWith("/account/v1", StringComparison.Ordinal) => "account",
        _ when path.StartsWith("/auth/siwe", StringComparison.Ordinal) => "siwe",
        _ when path.StartsWith("/admin/v1", StringComparison.Ordinal) => "admin",
        _ => "other",
    };

    private static Dictionary<string, CorpusCase> Load()
    {
        var cases = new Dictionary<string, CorpusCase>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var read = JsonSerializer.Deserialize<List<CorpusCase>>(File.ReadAllText(file))
                ?? throw new InvalidDataException($"{name}: not a JSON array of cases.");
            foreach (var corpusCase in read)
            {
                var bodies = (corpusCase.Json is null ? 0 : 1) + (corpusCase.Text is null ? 0 : 1) + (corpusCase.Base64 is null ? 0 : 1);
                if (bodies > 1 || !Categories.Contains(corpusCase.Category) || !cases.TryAdd(corpusCase.Id, corpusCase with { File = name }))
                {
                    throw new InvalidDataException(
                        $"{name}: case '{corpusCase.Id}' is a duplicate id, has an unknown category '{corpusCase.Category}', or more than one of json/text/base64.");
                }
            }
        }

        return cases;
    }
}
