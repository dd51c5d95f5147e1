namespace Tollway.Chain.X402;

/// <summary>The resource a payment is for (x402 v2 <c>ResourceInfo</c>).</summary>
public sealed record ResourceInfo(string Url, string? Description = null, string? MimeType = null);
