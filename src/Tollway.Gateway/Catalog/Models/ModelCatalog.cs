using System.Collections.Frozen;

namespace Tollway.Gateway.Catalog.Models;

/// <summary>The immutable set of public models; the request path looks models up here without locks.</summary>
public sealed class ModelCatalog
{
    private readonly FrozenDictionary<string, CatalogModel> _models;

    /// <summary>Creates a catalog over the given models (ids are case-sensitive, as OpenAI's are).</summary>
    public ModelCatalog(IEnumerable<CatalogModel> models)
    {
        var all = models.ToList();
        Models = [.. all.OrderBy(m => m.Id, StringComparer.Ordinal)];
        _models = all.SelectMany(m => (m.Aliases ?? []).Prepend(m.Id).Select(name => (name, m)))
            .ToFrozenDictionary(p => p.name, p => p.m, StringComparer.Ordinal);
    }

    /// <summary>Every model, ordered by id.</summary>
    public IReadOnlyList<CatalogModel> Models { get; }

    /// <summary>Finds a model by its public id or one of its aliases.</summary>
    public bool TryFind(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CatalogModel? model) =>
        _models.TryGetValue(id, out model);
}
