namespace Tollway.Gateway.Access.Keys;

/// <summary>The names of <see cref="ApiKeyRole"/> in the key APIs, the CLI and their JSON.</summary>
public static class ApiKeyRoleNames
{
    /// <summary><see cref="ApiKeyRole.Inference"/>.</summary>
    public const string Inference = "inference";

    /// <summary><see cref="ApiKeyRole.AccountManagement"/>.</summary>
    public const string Management = "management";

    /// <summary><see cref="ApiKeyRole.Admin"/>.</summary>
    public const string Admin = "admin";

    /// <summary>The name of a role.</summary>
    public static string Of(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Admin => Admin,
        ApiKeyRole.AccountManagement => Management,
        _ => Inference,
    };

    /// <summary>Reads a role; absent or empty means <see cref="ApiKeyRole.Inference"/>, and so does <c>user</c>, its name
    /// before scopes existed.</summary>
    public static bool TryParse(string? text, out ApiKeyRole role)
    {
        role = ApiKeyRole.Inference;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or Inference or "user":
                return true;
            case Management:
                role = ApiKeyRole.AccountManagement;
                return true;
            case Admin:
                role = ApiKeyRole.Admin;
                return true;
            default:
                return false;
        }
    }
}
