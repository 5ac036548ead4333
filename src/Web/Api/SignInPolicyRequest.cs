namespace Natero.Connectors.Web.Api;

/// <summary>The tenant's sign-in policy, whole.</summary>
/// <param name="SsoAdminBreakGlass">Defaults to true: members who manage users keep a password where SSO is required.</param>
public sealed record SignInPolicyRequest(bool RequireSecondFactor, IReadOnlyList<string>? SsoRequiredDomains, bool? SsoAdminBreakGlass);
