namespace Tollway.Gateway.Platform.Configuration;

/// <summary>
/// A configuration section an area binds its options from, registered by the area itself (see
/// <see cref="OptionsSectionRegistration"/>): the unknown-key check and the start-up check walk these registrations, so
/// neither knows any area. One section may be read by several areas, each through its own options type.
/// </summary>
/// <param name="Name">The top-level key (<c>Routing</c>).</param>
/// <param name="OptionsType">The options type bound from it.</param>
/// <param name="Resolve">Resolves the options, which runs their validators.</param>
public sealed record OptionsSection(string Name, Type OptionsType, Func<IServiceProvider, object> Resolve);
