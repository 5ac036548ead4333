using System.Security.Claims;

namespace Natero.Connectors.Web.Security.HostUsers;

/// <summary>The default <see cref="INateroUserResolver"/>: the standard claims of the host's principal.</summary>
internal sealed class ClaimsUserResolver : INateroUserResolver
{
    public ValueTask<NateroHostUser?> ResolveAsync(ClaimsPrincipal hostPrincipal, CancellationToken cancellationToken)
    {
        var subject = hostPrincipal.FindFirstValue("sub") ?? hostPrincipal.FindFirstValue(ClaimTypes.NameIdentifier);
        var email = hostPrincipal.FindFirstValue("email") ?? hostPrincipal.FindFirstValue(ClaimTypes.Email);
        var name = hostPrincipal.FindFirstValue("name") ?? hostPrincipal.FindFirstValue(ClaimTypes.Name);
        return ValueTask.FromResult(
            string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(email) ? null : new NateroHostUser(subject, email, name)
        );
    }
}
