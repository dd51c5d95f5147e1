using System.Globalization;
using System.Text.Json;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Catalog.Models.Shipped;

/// <summary>
/// The models Tollway ships with, per provider preset, priced at public list prices with the date they were read. A
/// configured provider gets its preset's models without listing them (see <see cref="ShippedSelection"/>). The data is
/// <c>catalog.json</c>, embedded in this assembly and read once.
/// </summary>
public sealed class ShippedCatalog
{
    private const string ResourceName = "Tollway.Gateway.Catalog.Models.Shipped.catalog.json";

    private static readonly Lazy<ShippedCatalog> Embedded = new(LoadEmbedded);

    private readonly ILookup<string, ShippedModel> _byPreset;
    private readonly HashSet<string> _ids;

    private ShippedCatalog(IReadOnlyList<ShippedModel> models)
    {
        Models = models;
        _byPreset = models.ToLookup(m => m.Preset, StringComparer.OrdinalIgnoreCase);
        _ids = new HashSet<string>(models.Select(m => m.Id), StringComparer.Ordinal);
    }

    /// <summary>The catalog built into this version of Tollway.</summary>
    public static ShippedCatalog Default => Embedded.Value;

    /// <summary>An empty catalog, for hosts that ship nothing.</summary>
    public static ShippedCatalog Empty { get; } = new([]);

    /// <summary>Every shipped model, in file order.</summary>
    public IReadOnlyList<ShippedModel> Models { get; }

    /// <summary>The models of one preset, in file order.</summary>
    public IEnumerable<ShippedModel> ForPreset(string preset) => _byPreset[preset];

    /// <summary>Whether any preset ships a model under this public id.</summary>
    public bool Contains(string id) => _ids.Contains(id);

    /// <summary>Reads and checks a catalog; <paramref name="errors"/> lists every problem, each naming its entry.</summary>
    public static ShippedCatalog? TryParse(ReadOnlySpan<byte> json, out IReadOnlyList<string> errors)
    {
        ShippedCatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, ShippedCatalogJsonContext.Default.ShippedCatalogFile);
        }
        catch (JsonException ex)
        {
            errors = [$"not a catalog file: {ex.Message}"];
            return null;
        }

        var problems = new List<string>();
        var models = new List<ShippedModel>();
        var seen = new HashSet<(string, string)>();
        var kinds = new Dictionary<string, ModelKind>(StringComparer.Ordinal);
        foreach (var (entry, index) in (file?.Models ?? []).Select((e, i) => (e, i)))
        {
            var where = $"models[{index}] ({entry.Preset}/{entry.Model})";
            if (Check(entry, where, problems) is not { } model)
            {
                continue;
            }

            if (!seen.Add((model.Preset.ToLowerInvariant(), model.Id)))
            {
                problems.Add($"{where}: listed twice for the same preset");
            }

            if (kinds.TryGetValue(model.Id, out var kind) && kind != model.Kind)
            {
                problems.Add($"{where}: another preset ships '{model.Id}' as a different type");
            }

            kinds[model.Id] = model.Kind;
            models.Add(model);
        }

        errors = problems;
        return problems.Count == 0 ? new ShippedCatalog(models) : null;
    }

    private static ShippedModel? Check(ShippedModelEntry entry, string where, List<string> problems)
    {
        var before = problems.Count;
        if (string.IsNullOrWhiteSpace(entry.Model) || entry.Model.Any(char.IsWhiteSpace))
        {
            problems.Add($"{where}: the model id must be non-empty and contain no spaces");
        }

        var preset = ProviderPresets.Find(entry.Preset ?? "");
        var kind = entry.Type switch
        {
            null or ModelTypes.Chat => ModelKind.Chat,
            ModelTypes.Embedding => ModelKind.Embedding,
            _ => (ModelKind?)null,
        };
        if (preset is null)
        {
            problems.Add($"{where}: unknown preset '{entry.Preset}'");
        }
        else if (kind is { } k && !preset.Operations.HasFlag(k == ModelKind.Embedding ? ProviderOperations.Embeddings : ProviderOperations.ChatCompletions))
        {
            problems.Add($"{where}: the '{preset.Name}' preset does not serve {entry.Type ?? ModelTypes.Chat} models");
        }

        if (kind is null)
        {
            problems.Add($"{where}: type '{entry.Type}' is not '{ModelTypes.Chat}' or '{ModelTypes.Embedding}'");
        }

        if (entry.ContextLength is not > 0)
        {
            problems.Add($"{where}: contextLength must be greater than zero");
        }
        else if (entry.MaxOutputTokens is { } maxOutput && (maxOutput <= 0 || maxOutput > entry.ContextLength))
        {
            problems.Add($"{where}: maxOutputTokens must be between 1 and contextLength");
        }

        var p = entry.Pricing;
        var listed = p is null ? null : PriceParsing.Parse(p.Input, p.Output, p.CachedInput, p.CacheWrite, p.Reasoning, p.Request);
        var pricing = listed is null ? null : FeaturePrices.Read(listed, p!);
        if (pricing is null)
        {
            problems.Add($"{where}: pricing needs 'input' and 'output' ('priorityInput' with 'priorityOutput'), and every price must be a USD amount with at most nine decimals");
        }

        if (!DateOnly.TryParseExact(entry.PriceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var priceDate))
        {
            problems.Add($"{where}: priceDate '{entry.PriceDate}' is not a date (yyyy-MM-dd)");
        }

        return problems.Count > before
            ? null
            : new ShippedModel(entry.Model, preset!.Name, entry.Name ?? entry.Model, kind!.Value, entry.ContextLength!.Value, entry.MaxOutputTokens,
                pricing!, priceDate, entry.Capabilities ?? new ShippedCapabilities(), entry.Note);
    }

    private static ShippedCatalog LoadEmbedded()
    {
        using var stream = typeof(ShippedCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The shipped catalog resource '{ResourceName}' is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return TryParse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), out var errors)
            ?? throw new InvalidDataException("The shipped catalog is invalid: " + string.Join("; ", errors));
    }
}
