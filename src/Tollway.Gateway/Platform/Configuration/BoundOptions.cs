using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Platform.Configuration;

/// <summary>
/// An area's options as bound, before validation: what the validator of an area above reads of the one below (the
/// models' validator reads the providers), so that a mistake in one area does not hide the mistakes of another.
/// </summary>
public sealed class BoundOptions<TOptions>
    where TOptions : class
{
    private readonly Lazy<TOptions> _value;

    /// <summary>Binds the options as <see cref="IOptions{TOptions}"/> would, without its validators.</summary>
    public BoundOptions(IEnumerable<IConfigureOptions<TOptions>> setups, IEnumerable<IPostConfigureOptions<TOptions>> postConfigures) =>
        _value = new(() => new OptionsFactory<TOptions>(setups, postConfigures).Create(Options.DefaultName));

    /// <summary>Given options (tests).</summary>
    public BoundOptions(TOptions value) => _value = new(value);

    /// <summary>The bound options.</summary>
    public TOptions Value => _value.Value;
}
