namespace Natero.Connectors.Application.Tenants.SignInPolicy;

/// <summary>How the members of a tenant must sign in.</summary>
/// <param name="RequireSecondFactor">Members without an authenticator app or passkey are sent to set one up before the tenant opens to
/// them.</param>
/// <param name="SsoRequiredDomains">Members whose email is in one of these domains sign in through single sign-on, not a password.</param>
/// <param name="SsoAdminBreakGlass">Members who manage users may still use a password when SSO is required (audited).</param>
public sealed record SignInPolicyDto(bool RequireSecondFactor, IReadOnlyList<string> SsoRequiredDomains, bool SsoAdminBreakGlass);
