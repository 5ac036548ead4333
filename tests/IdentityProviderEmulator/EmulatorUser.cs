namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>A person who can log in at the emulator, and what it says about them in tokens and at userinfo.</summary>
public sealed record EmulatorUser(string Subject, string Email, bool EmailVerified, string Name, string Password);
