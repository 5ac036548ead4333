using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Common.Security;

/// <summary>
/// Nobody hands out more than they hold: a member grants, revokes or invites, and a key is made, with only
/// the caller's own permissions. <paramref name="rule"/> of <see cref="Refusal"/> says which of these it is.
/// </summary>
internal static class PermissionGrants
{
    public static Error? Refusal(IReadOnlySet<string> held, IEnumerable<string> touched, string rule)
    {
        var beyond = touched.Distinct(StringComparer.Ordinal).Where(p => !held.Contains(p)).Select(Permissions.DisplayName).ToList();
        return beyond.Count == 0 ? null : Error.Forbidden($"{rule}; you do not hold {string.Join(", ", beyond.Select(p => $"\"{p}\""))}.");
    }
}
