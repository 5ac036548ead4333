using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Application.UnitTests.Fakes;

internal sealed class FakeCurrentUser : ICurrentUser
{
    private readonly HashSet<string> _roles;

    private FakeCurrentUser(Guid? userId, IEnumerable<string> roles)
    {
        UserId = userId;
        _roles = new HashSet<string>(roles, StringComparer.Ordinal);
    }

    public static FakeCurrentUser Anonymous { get; } = new(null, []);

    public Guid? UserId { get; }

    public string? Email => UserId is null ? null : "ada@example.com";

    public string? DisplayName => UserId is null ? null : "Ada";

    public static FakeCurrentUser SignedIn(params string[] roles) => new(Guid.CreateVersion7(), roles);

    public bool IsInRole(string role) => _roles.Contains(role);
}
