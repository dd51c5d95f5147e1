using System.Text.Json.Serialization;
using Tollway.Gateway.Access.Accounts;

namespace Tollway.Gateway.Api.Admin;

/// <summary>An account as the admin API shows it.</summary>
public sealed record AccountResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    internal static AccountResponse From(Account account) => new(account.Id, account.Name, account.CreatedAt);
}
