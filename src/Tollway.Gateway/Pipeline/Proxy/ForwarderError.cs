namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>Why an upstream exchange failed before a usable response, in the gateway's own terms.</summary>
public enum ForwarderError
{
    /// <summary>No failure.</summary>
    None,

    /// <summary>The connection was refused or the host did not resolve.</summary>
    ConnectFailed,

    /// <summary>Establishing the connection took longer than the connect timeout.</summary>
    ConnectTimeout,

    /// <summary>No response headers within the first-byte timeout.</summary>
    FirstByteTimeout,

    /// <summary>The whole exchange took longer than the total timeout.</summary>
    TotalTimeout,

    /// <summary>The connection broke while sending or before a response arrived.</summary>
    RequestFailed,

    /// <summary>The client went away; nothing more is sent.</summary>
    ClientAborted,
}
