using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Platform.Storage;

/// <summary>Checks the <c>Database</c> section at start.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var errors = new List<string>();
        if (!options.UsesPostgres && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            errors.Add("Database:SqlitePath: a file path is required");
        }

        if (options.UsesPostgres)
        {
            try
            {
                _ = new DbConnectionStringBuilder { ConnectionString = options.PostgresConnectionString };
            }
            catch (ArgumentException)
            {
                // The message would quote the string, password included: say only where the problem is.
                errors.Add("Database:PostgresConnectionString: not a valid connection string (key=value pairs separated by ';')");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
