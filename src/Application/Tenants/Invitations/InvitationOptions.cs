namespace Natero.Connectors.Application.Tenants.Invitations;

/// <summary><c>Invitations:Lifetime</c>: how long an invitation link works (default 7 days).</summary>
public sealed class InvitationOptions
{
    public const string Section = "Invitations";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);
}
