using System.Security.Claims;
using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Web.Security;

/// <summary>The signed-in person of the current HTTP request.</summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public Guid? UserId =>
        Principal?.Identity?.IsAuthenticated == true
        && Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;

    public string? Email => Principal?.FindFirstValue(ClaimTypes.Email) ?? Principal?.Identity?.Name;

    public string? DisplayName => Principal?.Identity?.Name;

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
}
