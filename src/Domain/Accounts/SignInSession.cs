using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Accounts;

/// <summary>
/// One browser's sign-in. The session cookie names its row, and every request checks that the row is still
/// open, so ending a session (its owner, an admin, a change of factor) makes the cookie useless at once on
/// every instance.
/// </summary>
public sealed class SignInSession : Entity
{
    public const int UserAgentMaxLength = 512;

    private SignInSession()
    {
        Method = null!;
    }

    private SignInSession(Guid id, Guid userId, string method, string? ipAddress, string? userAgent, DateTimeOffset now)
    {
        Id = id;
        UserId = userId;
        Method = method;
        IpAddress = ipAddress;
        UserAgent = userAgent;
        CreatedAt = now;
        LastSeenAt = now;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>
    /// How the person proved who they are: <c>password</c>, <c>password+authenticator</c>, <c>passkey</c>, <c>sso:{provider}</c>.
    /// </summary>
    public string Method { get; private set; }

    public string? IpAddress { get; private set; }
    public string? UserAgent { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Why it ended: <c>signed_out</c>, <c>ended_by_owner</c>, <c>ended_by_admin</c>, <c>factor_changed</c>, …</summary>
    public string? EndReason { get; private set; }

    public bool IsOpen => EndedAt is null;

    public static SignInSession Start(Guid id, Guid userId, string method, string? ipAddress, string? userAgent, DateTimeOffset now) =>
        new(
            Guard.NotEmpty(id, "Session id"),
            Guard.NotEmpty(userId, "User id"),
            Guard.NotBlank(method, "Sign-in method", 64),
            string.IsNullOrWhiteSpace(ipAddress) ? null : ipAddress.Trim()[..Math.Min(ipAddress.Trim().Length, 64)],
            string.IsNullOrWhiteSpace(userAgent) ? null : userAgent.Trim()[..Math.Min(userAgent.Trim().Length, UserAgentMaxLength)],
            now
        );

    /// <summary>Records activity; only ever moves forward.</summary>
    public void Seen(DateTimeOffset now)
    {
        if (now > LastSeenAt)
        {
            LastSeenAt = now;
        }
    }

    /// <summary>Ends the session; ending an ended one keeps its first reason.</summary>
    public bool End(DateTimeOffset now, string reason)
    {
        if (EndedAt is not null)
        {
            return false;
        }

        EndedAt = now;
        EndReason = Guard.NotBlank(reason, "End reason", 64);
        return true;
    }
}
