namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>The misbehaviour the emulator serves until told otherwise; read on every token response.</summary>
public sealed class EmulatorFaults
{
    private volatile IdTokenFault _idToken;

    public IdTokenFault IdToken
    {
        get => _idToken;
        set => _idToken = value;
    }

    public void Clear() => _idToken = IdTokenFault.None;
}
