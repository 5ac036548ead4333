using System.Security.Claims;

namespace Natero.Connectors.Web.Security.HostUsers;

/// <summary>
/// Option B: who the host's signed-in principal is, for the plugin. A host registers its own when its claims are not
/// the standard ones (<c>services.AddSingleton&lt;INateroUserResolver, MyResolver&gt;()</c>); the default reads
/// <c>sub</c> (or the name identifier), <c>email</c> and <c>name</c>.
/// </summary>
public interface INateroUserResolver
{
    /// <summary>The person, or null when the principal does not say who it is (the request is then not signed in).</summary>
    ValueTask<NateroHostUser?> ResolveAsync(ClaimsPrincipal hostPrincipal, CancellationToken cancellationToken);
}
