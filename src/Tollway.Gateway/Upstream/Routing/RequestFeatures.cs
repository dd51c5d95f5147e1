namespace Tollway.Gateway.Upstream.Routing;

/// <summary>The features a request uses that not every endpoint has.</summary>
public readonly record struct RequestFeatures(bool Tools, bool JsonSchema, bool Vision = false);
