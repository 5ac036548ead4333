using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Tenants.Commands.AddMember;
using Natero.Connectors.Application.Tenants.Commands.RemoveMember;
using Natero.Connectors.Application.Tenants.Commands.UpdateMemberPermissions;
using Natero.Connectors.Application.Tenants.Queries.GetMembers;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Web.Pages.Tenant.Settings;

[Authorize(Policy = Permissions.Users.Manage)]
public sealed class UsersModel(ISender sender) : PageModel
{
    public IReadOnlyList<MemberDto> Members { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public AddedMemberDto? CreatedAccount { get; private set; }

    [BindProperty]
    public NewMemberInput NewMember { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new AddMemberCommand(NewMember.Email, NewMember.Permissions), cancellationToken);
        if (!result.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), result.Error!, nameof(NewMember));
        }

        ModelState.Clear();
        NewMember = new NewMemberInput();
        if (result.Value.InitialPassword is not null)
        {
            // Shown in this response only, never stored for a later one.
            CreatedAccount = result.Value;
        }
        else
        {
            Message = $"{result.Value.Email} was added.";
        }

        return await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostPermissionsAsync(Guid membershipId, string[] permissions, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new UpdateMemberPermissionsCommand(membershipId, permissions ?? []), cancellationToken);
        if (!result.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), result.Error!);
        }

        var member = result.Value;
        Message = member.Granted.Count + member.Revoked.Count == 0
            ? "Nothing changed."
            : "Permissions saved." + Describe(" Granted: ", member.Granted) + Describe(" Revoked: ", member.Revoked);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid membershipId, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new RemoveMemberCommand(membershipId), cancellationToken);
        if (!result.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), result.Error!);
        }

        Message = "The member was removed from this tenant.";
        return RedirectToPage();
    }

    private static string Describe(string label, IReadOnlyList<string> permissions) =>
        permissions.Count == 0 ? string.Empty : label + string.Join(", ", permissions.Select(Permissions.DisplayName)) + ".";

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        var members = await sender.Send(new GetMembersQuery(), cancellationToken);
        if (!members.IsSuccess)
        {
            return this.Failure(members.Error!, Page);
        }

        Members = members.Value;
        return Page();
    }

    public sealed class NewMemberInput
    {
        public string Email { get; set; } = string.Empty;
        public List<string> Permissions { get; set; } = [Domain.Authorization.Permissions.DataConnectors.View];
    }
}
