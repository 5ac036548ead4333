namespace Natero.Connectors.Web.Pages.Shared.Passkeys;

/// <summary>The "Sign in with a passkey" button of the sign-in page, the two-factor step and the passkey sign-in page.</summary>
public sealed record PasskeySignInForm(string? ReturnUrl, bool SecondFactor = false);
