using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Accounts.Sessions;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Tenants.Commands.RemoveMember;
using Natero.Connectors.Application.Tenants.Commands.UpdateMemberPermissions;
using Natero.Connectors.Application.Tenants.Invitations;
using Natero.Connectors.Application.Tenants.Invitations.Commands.InviteMember;
using Natero.Connectors.Application.Tenants.Invitations.Commands.ResendInvitation;
using Natero.Connectors.Application.Tenants.Invitations.Commands.RevokeInvitation;
using Natero.Connectors.Application.Tenants.Invitations.Queries.ListInvitations;
using Natero.Connectors.Application.Tenants.Queries.GetMembers;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Web.Pages.Tenant.Settings;

/// <summary>
/// Members and invitations. A person is invited by email and joins through the emailed link; nobody here
/// ever sees a password or the link. Only permissions the admin holds can be given, and never to themselves.
/// </summary>
[Authorize(Policy = Permissions.Users.Manage)]
public sealed class UsersModel(ISender sender, ICurrentTenantAccess access) : PageModel
{
    public IReadOnlyList<MemberDto> Members { get; private set; } = [];

    public IReadOnlyList<InvitationDto> Invitations { get; private set; } = [];

    public TenantAccess? Me { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public NewMemberInput NewMember { get; set; } = new();

    public bool MayChange(MemberDto member, string permission) =>
        Me is { } me && member.MembershipId != me.MembershipId && me.Has(permission);

    public bool MayGive(string permission) => Me?.Has(permission) == true;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new InviteMemberCommand(NewMember.Email, NewMember.Permissions), cancellationToken);
        if (!result.IsSuccess)
        {
            return await RedisplayAsync(result.Error!, nameof(NewMember), cancellationToken);
        }

        Message = $"An invitation was emailed to {result.Value.Email}. They join when they accept it (within {Lifetime(result.Value)}).";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResendAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ResendInvitationCommand(invitationId), cancellationToken);
        if (!result.IsSuccess)
        {
            return await RedisplayAsync(result.Error!, null, cancellationToken);
        }

        Message = $"The invitation was emailed to {result.Value.Email} again, with a new link. The earlier link no longer works.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeInvitationAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new RevokeInvitationCommand(invitationId), cancellationToken);
        if (!result.IsSuccess)
        {
            return await RedisplayAsync(result.Error!, null, cancellationToken);
        }

        Message = "The invitation was revoked: its link no longer works.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPermissionsAsync(Guid membershipId, string[] permissions, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new UpdateMemberPermissionsCommand(membershipId, permissions ?? []), cancellationToken);
        if (!result.IsSuccess)
        {
            return await RedisplayAsync(result.Error!, null, cancellationToken);
        }

        var member = result.Value;
        Message =
            member.Granted.Count + member.Revoked.Count == 0
                ? "Nothing changed."
                : "Permissions saved." + Describe(" Granted: ", member.Granted) + Describe(" Revoked: ", member.Revoked);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new RemoveMemberCommand(membershipId), cancellationToken);
        if (!result.IsSuccess)
        {
            return await RedisplayAsync(result.Error!, null, cancellationToken);
        }

        Message = "The member was removed from this tenant.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndSessionsAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new EndMemberSessionsCommand(membershipId), cancellationToken);
        if (!result.IsSuccess)
        {
            return await RedisplayAsync(result.Error!, null, cancellationToken);
        }

        Message = result.Value switch
        {
            0 => "That member had no open sessions.",
            1 => "One session of that member was signed out.",
            var n => $"{n} sessions of that member were signed out.",
        };
        return RedirectToPage();
    }

    private static string Lifetime(InvitationDto invitation) =>
        $"{Math.Max(1, (int)Math.Round((invitation.ExpiresAt - invitation.LastSentAt).TotalDays))} days";

    private static string Describe(string label, IReadOnlyList<string> permissions) =>
        permissions.Count == 0 ? string.Empty : label + string.Join(", ", permissions.Select(Permissions.DisplayName)) + ".";

    private Task<IActionResult> RedisplayAsync(Error error, string? inputPrefix, CancellationToken cancellationToken) =>
        this.RedisplayWithAsync(() => LoadAsync(cancellationToken), error.InPlace(), inputPrefix);

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        var members = await sender.Send(new GetMembersQuery(), cancellationToken);
        if (!members.IsSuccess)
        {
            return this.Failure(members.Error!, Page);
        }

        var invitations = await sender.Send(new ListInvitationsQuery(), cancellationToken);
        if (!invitations.IsSuccess)
        {
            return this.Failure(invitations.Error!, Page);
        }

        Members = members.Value;
        Invitations = invitations.Value;
        Me = await access.GetAsync(cancellationToken);
        return Page();
    }

    public sealed class NewMemberInput
    {
        public string Email { get; set; } = string.Empty;
        public List<string> Permissions { get; set; } = [Domain.Authorization.Permissions.DataConnectors.View];
    }
}
