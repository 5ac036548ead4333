namespace Natero.Connectors.Application.Common.Interfaces;

public enum SecondFactorKind
{
    AuthenticatorCode,
    RecoveryCode,
}
