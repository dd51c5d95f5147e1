namespace Tollway.Chain.SignIn;

/// <summary>Why a sign-in was refused; the code goes back to the client with a sentence.</summary>
public enum SignInFailure
{
    /// <summary>Not an EIP-4361 message.</summary>
    Malformed,

    /// <summary>The message names another domain (a phishing site relaying it).</summary>
    WrongDomain,

    /// <summary>The message's URI is not under this gateway's origin.</summary>
    WrongUri,

    /// <summary>The message names a chain this gateway does not serve.</summary>
    WrongChain,

    /// <summary>Only version 1 exists.</summary>
    WrongVersion,

    /// <summary>The nonce was not issued here, was used, or expired.</summary>
    BadNonce,

    /// <summary>Past its expiration time.</summary>
    Expired,

    /// <summary>Before its not-before time, or issued in the future.</summary>
    NotYetValid,

    /// <summary>The signature is not the address's.</summary>
    BadSignature,
}
