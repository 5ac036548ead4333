using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Tenants;

/// <summary>
/// An offer to join a tenant with a set of permissions, sent to one email address. The link carries a
/// random token of which only the SHA-256 is stored; it works once, until it expires, and only for the
/// person who signs in as (or creates the account of) the invited email. Resending issues a new token,
/// so the link of an earlier email stops working.
/// </summary>
public sealed class Invitation : AuditableEntity, ITenantOwned
{
    private readonly List<string> _permissions = [];

    private Invitation()
    {
        Email = null!;
        NormalizedEmail = null!;
        TokenHash = null!;
        InvitedByName = null!;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Email { get; private set; }

    /// <summary>The email upper-cased, as Identity compares them: one pending invitation per address and tenant.</summary>
    public string NormalizedEmail { get; private set; }

    public IReadOnlyCollection<string> Permissions => _permissions;
    public string TokenHash { get; private set; }
    public Guid? InvitedByUserId { get; private set; }
    public string InvitedByName { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset LastSentAt { get; private set; }
    public int SendCount { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public Guid? AcceptedByUserId { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Guards the single use: two acceptances racing each other cannot both save.</summary>
    public int Version { get; private set; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public static Invitation Create(
        Guid id,
        Guid tenantId,
        string email,
        IEnumerable<string> permissions,
        string tokenHash,
        Guid? invitedByUserId,
        string invitedByName,
        DateTimeOffset now,
        TimeSpan lifetime
    )
    {
        var invitation = new Invitation
        {
            Id = Guard.NotEmpty(id, "Invitation id"),
            TenantId = Guard.NotEmpty(tenantId, "Tenant id"),
            Email = Guard.NotBlank(email, "Email", 256),
            InvitedByUserId = invitedByUserId,
            InvitedByName = Guard.NotBlank(invitedByName, "Invited by", 256),
        };
        invitation.NormalizedEmail = Normalize(invitation.Email);
        foreach (var permission in permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!Authorization.Permissions.IsKnown(permission))
            {
                throw new DomainException($"'{permission}' is not a tenant permission.");
            }

            invitation._permissions.Add(permission);
        }

        invitation.Issue(tokenHash, now, lifetime);
        return invitation;
    }

    public InvitationState StateAt(DateTimeOffset now) =>
        this switch
        {
            { AcceptedAt: not null } => InvitationState.Accepted,
            { RevokedAt: not null } => InvitationState.Revoked,
            _ when now >= ExpiresAt => InvitationState.Expired,
            _ => InvitationState.Pending,
        };

    public bool IsFor(string email) => string.Equals(NormalizedEmail, Normalize(email), StringComparison.Ordinal);

    /// <summary>A new link (the old one stops working) and a new expiry; for a pending or expired invitation.</summary>
    public void Resend(string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        if (StateAt(now) is InvitationState.Accepted or InvitationState.Revoked)
        {
            throw new DomainException($"An invitation that was {StateAt(now).ToString().ToLowerInvariant()} cannot be sent again.");
        }

        Issue(tokenHash, now, lifetime);
    }

    /// <summary>Uses the invitation up for the person who holds the invited email.</summary>
    public void Accept(Guid userId, string userEmail, DateTimeOffset now)
    {
        var state = StateAt(now);
        if (state != InvitationState.Pending)
        {
            throw new DomainException(
                state switch
                {
                    InvitationState.Accepted => "This invitation was already accepted.",
                    InvitationState.Revoked => "This invitation was revoked.",
                    _ => "This invitation has expired.",
                }
            );
        }

        if (!IsFor(userEmail))
        {
            throw new DomainException("This invitation is for another email address.");
        }

        AcceptedAt = now;
        AcceptedByUserId = Guard.NotEmpty(userId, "User id");
        Version++;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (StateAt(now) is InvitationState.Accepted or InvitationState.Revoked)
        {
            throw new DomainException($"An invitation that was {StateAt(now).ToString().ToLowerInvariant()} cannot be revoked.");
        }

        RevokedAt = now;
        Version++;
    }

    private void Issue(string tokenHash, DateTimeOffset now, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new DomainException("An invitation must live for some time.");
        }

        TokenHash = Guard.NotBlank(tokenHash, "Token hash", 64);
        LastSentAt = now;
        ExpiresAt = now + lifetime;
        SendCount++;
        Version++;
    }
}
