namespace Natero.Connectors.Application.Common.Interfaces;

public enum PasswordSignInResult
{
    SignedIn,
    UnknownAccount,
    WrongPassword,
    LockedOut,
    NotAllowed,
    Disabled,

    /// <summary>The password was right and the account has a second factor: the sign-in waits for it.</summary>
    RequiresSecondFactor,
}
