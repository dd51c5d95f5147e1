using System.Text.Json.Serialization;

namespace Tollway.Gateway.Proxy;

/// <summary>Source-generated serialization for the few values the request path serializes.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class ProxyJsonContext : JsonSerializerContext;
