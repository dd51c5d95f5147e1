using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tollway.Gateway.Money.Pricing.Import;

namespace Tollway.Gateway.Api.Admin;

/// <summary>The operator's catalog API under <c>/admin/v1</c>: importing a price file at run time.</summary>
public static class CatalogAdminEndpoints
{
    /// <summary>Maps <c>POST /admin/v1/models/import</c> (admin key only).</summary>
    public static IEndpointRouteBuilder MapCatalogAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/v1").WithTags("Admin").AddEndpointFilter<AdminKeyFilter>();
        admin.MapPost("/models/import", ImportAsync).WithName("AdminImportModelPrices");
        return endpoints;
    }

    /// <summary>The body is the file itself, an OpenRouter models list or a LiteLLM price map; <c>?dry_run=true</c> only reports.</summary>
    private static async Task<Results<JsonHttpResult<ModelImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, [FromQuery(Name = "dry_run")] bool? dryRun, ModelPriceImporter importer, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var result = await importer.ImportAsync(body.GetBuffer().AsMemory(0, (int)body.Length), dryRun == true, cancellationToken);
        if (result.Plan is not { } plan)
        {
            return AdminJson.BadRequest($"The body is not a price file: {result.Error}.");
        }

        return TypedResults.Json(
            new ModelImportResponse(
                plan.Format == PriceFileFormat.OpenRouter ? "openrouter" : "litellm",
                dryRun == true,
                result.Version,
                [.. plan.Changes.Select(c => new PriceChangeResponse(c.Model, c.Provider, c.SourceId, PriceResponse.From(c.Old), PriceResponse.From(c.New)!))],
                plan.Unchanged,
                [.. plan.Skipped.Select(s => new SkippedPriceResponse(s.SourceId, s.Reason))]),
            AdminJsonContext.Default.ModelImportResponse);
    }
}
