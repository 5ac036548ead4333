namespace Natero.Connectors.Application.Common.Interfaces;

public enum PasskeySignInResult
{
    SignedIn,
    Refused,
    Disabled,
}
