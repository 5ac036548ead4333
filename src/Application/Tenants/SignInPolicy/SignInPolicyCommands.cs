using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.SignInPolicy;

internal static class SignInPolicies
{
    public static SignInPolicyDto ToDto(Tenant tenant) =>
        new(tenant.RequireSecondFactor, [.. tenant.SsoRequiredDomains], tenant.SsoAdminBreakGlass);
}
