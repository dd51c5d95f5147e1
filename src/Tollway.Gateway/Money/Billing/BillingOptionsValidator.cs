using Microsoft.Extensions.Options;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Billing;

/// <summary>Checks the billing keys of the <c>Billing</c> section at start.</summary>
internal sealed class BillingOptionsValidator : IValidateOptions<BillingOptions>
{
    /// <summary>Far above any provider's own loop, and low enough that the windows it multiplies stay countable.</summary>
    private const int MaxServerToolIterations = 100;

    public ValidateOptionsResult Validate(string? name, BillingOptions options)
    {
        var errors = new List<string>();
        if (!UsdAmount.TryParseNanos(options.LeaseChunkUsd, out var chunk) || chunk <= 0)
        {
            errors.Add($"Billing:LeaseChunkUsd: '{options.LeaseChunkUsd}' is not a positive USD amount");
        }

        if (options.DefaultMaxOutputTokens <= 0)
        {
            errors.Add("Billing:DefaultMaxOutputTokens: must be greater than zero");
        }

        if (options.ServerToolIterations is < 1 or > MaxServerToolIterations)
        {
            errors.Add($"Billing:ServerToolIterations: must be between 1 and {MaxServerToolIterations}");
        }

        foreach (var (key, value) in new[]
        {
            ("LeaseTtl", options.LeaseTtl), ("LeaseIdleRelease", options.LeaseIdleRelease), ("ExhaustedBalanceRecheck", options.ExhaustedBalanceRecheck),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Billing:{key}: must be positive");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
