using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace HostWithOwnUsers;

/// <summary>
/// The application's own users, from configuration (<c>SampleUsers:0:Email</c>, <c>:Password</c>, <c>:Name</c>,
/// <c>:Roles</c>): a stand-in for whatever user store a real application has.
/// </summary>
public sealed class SampleUsers(IConfiguration configuration)
{
    private readonly IReadOnlyList<SampleUser> _users = configuration.GetSection("SampleUsers").Get<List<SampleUser>>() ?? [];

    public ClaimsPrincipal? SignIn(string email, string password)
    {
        var user = _users.FirstOrDefault(u => string.Equals(u.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));
        if (user is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Password), Encoding.UTF8.GetBytes(password)))
        {
            return null;
        }

        var claims = new List<Claim>
        {
            new("sub", user.Subject),
            new("email", user.Email),
            new("name", user.Name),
        };
        claims.AddRange(user.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "AcmeAnalytics", "name", ClaimTypes.Role));
    }

    public sealed class SampleUser
    {
        public string Subject { get; init; } = string.Empty;
        public string Email { get; init; } = string.Empty;
        public string Password { get; init; } = string.Empty;
        public string Name { get; init; } = string.Empty;
        public List<string> Roles { get; init; } = [];
    }
}
