using Microsoft.AspNetCore.Http.HttpResults;
using Tollway.Gateway.Catalog.Models;

namespace Tollway.Gateway.Api.Admin;

/// <summary>
/// How long the text a client sends to be kept in a row may be: key and account names, the models a key is restricted
/// to (which every node's key cache also holds, and scans on each request), markup subjects, and the reason and
/// idempotency key of a movement of money. A field past its bound is a 400 naming it (<c>param</c>), before anything
/// is written.
/// </summary>
internal static class StoredTextBounds
{
    /// <summary>Names of keys and accounts, and markup subjects (a provider, model or account).</summary>
    public const int MaxNameLength = 256;

    /// <summary>Models a key may be restricted to; each is a model id of at most <see cref="CatalogModel.MaxIdLength"/>.</summary>
    public const int MaxAllowedModels = 256;

    /// <summary>Why money moved: a sentence or two for the journal.</summary>
    public const int MaxReasonLength = 1024;

    /// <summary>An idempotency key: an id the operator's tooling chose.</summary>
    public const int MaxIdempotencyKeyLength = 256;

    /// <summary>The field of a key request (<c>name</c>, <c>allowed_models</c>) past its bound, or <see langword="null"/>.</summary>
    public static string? FindOversizedKeyField(string? name, IReadOnlyList<string>? allowedModels) =>
        IsLonger(name, MaxNameLength) ? "name"
        : allowedModels is { } models && (models.Count > MaxAllowedModels || models.Any(m => m is not { Length: > 0 and <= CatalogModel.MaxIdLength }))
            ? "allowed_models"
        : null;

    /// <summary>The field of a movement of money (<c>reason</c>, <c>idempotency_key</c>) past its bound, or <see langword="null"/>.</summary>
    public static string? FindOversizedMovementField(string? reason, string? idempotencyKey) =>
        IsLonger(reason, MaxReasonLength) ? "reason" : IsLonger(idempotencyKey, MaxIdempotencyKeyLength) ? "idempotency_key" : null;

    /// <summary>Whether <paramref name="text"/> is longer than <paramref name="most"/> characters.</summary>
    public static bool IsLonger(string? text, int most) => text is { } value && value.Length > most;

    /// <summary>The 400 for <paramref name="field"/>, saying its bound.</summary>
    public static ProblemHttpResult TooLong(string field) => TypedResults.Problem(
        field switch
        {
            "allowed_models" => $"'allowed_models' lists at most {MaxAllowedModels} models, each a model id of 1 to {CatalogModel.MaxIdLength} characters.",
            "reason" => $"'reason' is longer than {MaxReasonLength} characters.",
            "idempotency_key" => $"'idempotency_key' is longer than {MaxIdempotencyKeyLength} characters.",
            _ => $"'{field}' is longer than {MaxNameLength} characters.",
        },
        statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", extensions: new Dictionary<string, object?> { ["param"] = field });
}
