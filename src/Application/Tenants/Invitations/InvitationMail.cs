using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Invitations;

/// <summary>
/// Issues invitation links: a fresh 256-bit token whose SHA-256 alone is stored, mailed to the invited
/// address and shown to nobody else, so that no one but the mailbox's owner can set the account's password.
/// </summary>
public sealed class InvitationMail(
    IApplicationDbContext db,
    ICurrentUser user,
    IEmailOutbox mail,
    IOptions<EmailOptions> email,
    IOptions<InvitationOptions> options,
    TimeProvider time
)
{
    public Invitation Invite(Tenant tenant, string address, IEnumerable<string> permissions)
    {
        var token = OAuthSecrets.NewRandomValue();
        var invitation = Invitation.Create(
            Ids.New(time),
            tenant.Id,
            address,
            permissions,
            OAuthSecrets.Hash(token),
            user.UserId,
            Inviter,
            time.GetUtcNow(),
            options.Value.Lifetime
        );
        db.Invitations.Add(invitation);
        Send(tenant, invitation, token);
        return invitation;
    }

    public void Resend(Tenant tenant, Invitation invitation)
    {
        var token = OAuthSecrets.NewRandomValue();
        invitation.Resend(OAuthSecrets.Hash(token), time.GetUtcNow(), options.Value.Lifetime);
        Send(tenant, invitation, token);
    }

    private string Inviter => user.ApiKey is { } key ? $"{user.Email} (API key \"{key.Name}\")" : user.Email ?? "Natero";

    private void Send(Tenant tenant, Invitation invitation, string token)
    {
        var link = email.Value.LinkTo($"/account/invitation/{token}");
        var permissions = string.Join(Environment.NewLine, invitation.Permissions.Select(p => $"  - {Permissions.DisplayName(p)}"));
        mail.Enqueue(
            new OutgoingEmail(
                invitation.Email,
                $"You are invited to {tenant.Name} on Natero",
                $"""
                {invitation.InvitedByName} invited you ({invitation.Email}) to join {tenant.Name} on Natero, with these permissions:
                {(permissions.Length == 0 ? "  (none yet)" : permissions)}

                Accept the invitation here (the link works once, until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC):
                {link}

                If you already have a Natero account, sign in with this email to accept. Otherwise you will choose a password.
                If you did not expect this, ignore this email.
                """,
                Link: link
            )
        );
    }
}
