namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>What an authenticator app needs: the shared key to type in, and the <c>otpauth://</c> URI of the QR code.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string Uri);
