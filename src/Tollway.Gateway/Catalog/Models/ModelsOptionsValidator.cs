using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Catalog.Models;

/// <summary>
/// Checks every model under <c>Models</c> at start: its id, type, endpoints (each naming a configured provider that
/// serves its type, with prices) and aliases, each problem with its key. Reads the providers as bound, so that their own
/// mistakes do not hide the models'. Strategy names are the routing's to check.
/// </summary>
internal sealed class ModelsOptionsValidator(BoundOptions<ProvidersOptions> providers) : IValidateOptions<ModelsOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelsOptions options)
    {
        var errors = new List<string>();
        foreach (var (modelId, model) in options)
        {
            Validate(modelId, model, providers.Value, errors);
        }

        ValidateAliases(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateAliases(ModelsOptions options, List<string> errors)
    {
        var names = new HashSet<string>(options.Keys, StringComparer.Ordinal);
        foreach (var (modelId, model) in options)
        {
            for (var i = 0; i < model.Aliases.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(model.Aliases[i]) || model.Aliases[i].Length > CatalogModel.MaxIdLength || !names.Add(model.Aliases[i]))
                {
                    errors.Add($"Models:{modelId}:Aliases:{i}: '{model.Aliases[i]}' is empty, longer than {CatalogModel.MaxIdLength} characters, or already names another model or alias");
                }
            }
        }
    }

    private static void Validate(string modelId, ModelOptions model, ProvidersOptions providers, List<string> errors)
    {
        var path = $"Models:{modelId}";
        if (string.IsNullOrWhiteSpace(modelId) || modelId.Any(char.IsWhiteSpace))
        {
            errors.Add($"{path}: a model id must be non-empty and contain no spaces");
        }

        if (modelId.Length > CatalogModel.MaxIdLength)
        {
            errors.Add($"{path}: a model id must be at most {CatalogModel.MaxIdLength} characters (requests naming a longer one are refused)");
        }

        var kind = model.Type;
        if (kind is not (ModelTypes.Chat or ModelTypes.Embedding))
        {
            errors.Add($"{path}:Type: '{kind}' is not one of '{ModelTypes.Chat}', '{ModelTypes.Embedding}'");
        }

        if (model.Endpoints.Count == 0)
        {
            errors.Add($"{path}:Endpoints: at least one endpoint is required");
        }

        for (var i = 0; i < model.Endpoints.Count; i++)
        {
            ModelEndpointChecks.Validate($"{path}:Endpoints:{i}", model.Endpoints[i], kind, providers, errors);
        }
    }
}
