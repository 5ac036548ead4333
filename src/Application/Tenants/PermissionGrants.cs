using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Tenants;

/// <summary>Nobody hands out more than they hold: a member grants, revokes or invites with only their own permissions.</summary>
internal static class PermissionGrants
{
    public static Error? Refusal(IReadOnlySet<string> held, IEnumerable<string> touched, string verb)
    {
        var beyond = touched.Distinct(StringComparer.Ordinal).Where(p => !held.Contains(p)).Select(Permissions.DisplayName).ToList();
        return beyond.Count == 0
            ? null
            : Error.Forbidden($"You can only {verb} permissions you hold yourself; you do not hold {string.Join(", ", beyond.Select(p => $"\"{p}\""))}.");
    }
}
