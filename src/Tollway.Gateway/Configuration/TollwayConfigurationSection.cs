using Microsoft.Extensions.Configuration;

namespace Tollway.Gateway.Configuration;

/// <summary>The configuration Tollway's options are bound from, kept so validation can report keys that bind to nothing.</summary>
internal sealed record TollwayConfigurationSection(IConfiguration Configuration);
