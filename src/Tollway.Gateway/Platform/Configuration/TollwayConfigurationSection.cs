
namespace Tollway.Gateway.Platform.Configuration;

/// <summary>Tollway's own configuration (the file and the <c>TOLLWAY_</c> variables, without the host's settings), kept so
/// that <see cref="ConfigurationCheck"/> can report the keys no area binds.</summary>
internal sealed record TollwayConfigurationSection(IConfiguration Configuration);
