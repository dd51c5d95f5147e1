namespace Tollway.Gateway.Wire;

/// <summary>An output limit member of a request body (<c>max_tokens</c> or <c>max_completion_tokens</c>) as sent: where
/// its value sits in the bytes, and the value when it is a number rather than null.</summary>
internal readonly record struct OutputLimitValue(Range Value, int? Tokens);
