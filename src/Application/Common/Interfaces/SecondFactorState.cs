namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>The second factors of an account: an authenticator app (confirmed or being enrolled), recovery codes, passkeys.</summary>
public sealed record SecondFactorState(bool HasAuthenticator, bool AuthenticatorPending, int RecoveryCodesLeft, int Passkeys)
{
    public bool HasSecondFactor => HasAuthenticator || Passkeys > 0;
}
