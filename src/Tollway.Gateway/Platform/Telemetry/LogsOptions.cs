namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>The console log's format.</summary>
public sealed class LogsOptions
{
    /// <summary>One line of text per entry (the default).</summary>
    public const string Text = "text";

    /// <summary>One JSON object per line, with the request id and trace id of the request it belongs to, for log shippers.</summary>
    public const string Json = "json";

    /// <summary><see cref="Text"/> or <see cref="Json"/>.</summary>
    public string Format { get; set; } = Text;
}
