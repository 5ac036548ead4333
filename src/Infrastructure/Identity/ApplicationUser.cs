using Microsoft.AspNetCore.Identity;

namespace Natero.Connectors.Infrastructure.Identity;

public sealed class ApplicationUser : IdentityUser<Guid>
{
    public string? DisplayName { get; set; }
}
