using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Api.Health;

/// <summary>Checks the <c>Health</c> section at start, every problem with its key.</summary>
internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    /// <summary>The longest wait accepted: beyond it, every lease has long expired and the node refuses all requests
    /// while still reporting itself ready.</summary>
    public static readonly TimeSpan LongestChargeWait = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, HealthOptions options) =>
        options.MaxChargeWait > TimeSpan.Zero && options.MaxChargeWait <= LongestChargeWait
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Health:MaxChargeWait: must be more than 0 and at most {LongestChargeWait:hh\\:mm\\:ss}");
}
