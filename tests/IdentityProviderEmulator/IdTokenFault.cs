namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>How the token endpoint's id_token can be made wrong, each a way a relying party must refuse it.</summary>
public enum IdTokenFault
{
    None,

    /// <summary><c>iss</c> names another provider; the signature is the emulator's own and valid.</summary>
    WrongIssuer,

    /// <summary><c>aud</c> names another client; validly signed.</summary>
    WrongAudience,

    /// <summary>Signed with another key under the emulator's key id, so the published key does not verify it.</summary>
    BadSignature,

    /// <summary><c>nonce</c> is not the one the authorization request carried; validly signed.</summary>
    WrongNonce,
}
