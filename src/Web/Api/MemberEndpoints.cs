using Mediator;
using Natero.Connectors.Application.Accounts.Sessions;
using Natero.Connectors.Application.Tenants.Commands.RemoveMember;
using Natero.Connectors.Application.Tenants.Commands.UpdateMemberPermissions;
using Natero.Connectors.Application.Tenants.Invitations;
using Natero.Connectors.Application.Tenants.Invitations.Commands.InviteMember;
using Natero.Connectors.Application.Tenants.Invitations.Commands.ResendInvitation;
using Natero.Connectors.Application.Tenants.Invitations.Commands.RevokeInvitation;
using Natero.Connectors.Application.Tenants.Invitations.Queries.GetInvitation;
using Natero.Connectors.Application.Tenants.Invitations.Queries.ListInvitations;
using Natero.Connectors.Application.Tenants.Queries.GetMembers;
using Natero.Connectors.Application.Tenants.SignInPolicy;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// <c>/api/v1/members</c> and <c>/api/v1/invitations</c>: the tenant's people, for a key with <c>Users.Manage</c>.
/// An invitation's link goes to the invited mailbox only; no answer here carries it.
/// </summary>
internal static class MemberEndpoints
{
    public static void MapMembers(RouteGroupBuilder api)
    {
        var members = api.MapGroup("/members").AddEndpointFilter<TenantKeyOnly>().WithTags("Members");
        members
            .MapGet("/", async (ISender sender, CancellationToken ct) => ApiResults.Ok(await sender.Send(new GetMembersQuery(), ct)))
            .WithName("ListMembers")
            .WithSummary("The tenant's members and their permissions.")
            .Produces<IReadOnlyList<MemberDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        members
            .MapPut("/{id:guid}/permissions", async (ISender sender, Guid id, MemberPermissionsRequest body, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new UpdateMemberPermissionsCommand(id, body.Permissions ?? []), ct))
            )
            .WithName("SetMemberPermissions")
            .WithSummary("Sets exactly these permissions. Only permissions you hold can be granted or revoked, and never your own.")
            .Produces<MemberPermissionsChangedDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        members
            .MapDelete("/{id:guid}", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.NoContent(await sender.Send(new RemoveMemberCommand(id), ct))
            )
            .WithName("RemoveMember")
            .WithSummary("Removes a member from the tenant; their account stays.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        members
            .MapPost("/{id:guid}/end-sessions", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new EndMemberSessionsCommand(id), ct), n => new EndedSessionsDto(n))
            )
            .WithName("EndMemberSessions")
            .WithSummary("Signs the member out of every browser at once (a lost laptop, someone leaving); their API keys are not affected.")
            .Produces<EndedSessionsDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var policy = api.MapGroup("/sign-in-policy").AddEndpointFilter<TenantKeyOnly>().WithTags("Members");
        policy
            .MapGet("/", async (ISender sender, CancellationToken ct) => ApiResults.Ok(await sender.Send(new GetSignInPolicyQuery(), ct)))
            .WithName("GetSignInPolicy")
            .WithSummary("How the tenant's members must sign in: a second factor, single sign-on for some email domains.")
            .Produces<SignInPolicyDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        policy
            .MapPut("/", async (ISender sender, SignInPolicyRequest body, CancellationToken ct) =>
                ApiResults.Ok(
                    await sender.Send(
                        new UpdateSignInPolicyCommand(
                            body.RequireSecondFactor,
                            body.SsoRequiredDomains ?? [],
                            body.SsoAdminBreakGlass ?? true
                        ),
                        ct
                    )
                )
            )
            .WithName("SetSignInPolicy")
            .WithSummary(
                "Sets the whole policy. Members without a required second factor are sent to set one up; their API keys keep working."
            )
            .Produces<SignInPolicyDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var invitations = api.MapGroup("/invitations").AddEndpointFilter<TenantKeyOnly>().WithTags("Members");
        invitations
            .MapGet("/", async (ISender sender, CancellationToken ct) => ApiResults.Ok(await sender.Send(new ListInvitationsQuery(), ct)))
            .WithName("ListInvitations")
            .WithSummary("Invitations nobody accepted or revoked yet, pending first.")
            .Produces<IReadOnlyList<InvitationDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        invitations
            .MapGet("/{id:guid}", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new GetInvitationQuery(id), ct))
            )
            .WithName("GetInvitation")
            .WithSummary("One invitation and its state; never its link.")
            .Produces<InvitationDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        invitations
            .MapPost("/", async (ISender sender, InvitationRequest body, CancellationToken ct) =>
                ApiResults.Created(
                    await sender.Send(new InviteMemberCommand(body.Email ?? string.Empty, body.Permissions ?? []), ct),
                    i => $"{ApiEndpoints.Prefix}/invitations/{i.Id}",
                    i => i
                )
            )
            .WithName("InviteMember")
            // The answer holds no link, but a replay still asks again whether the caller may see the invitation.
            .WithMetadata(new SecretBearing { Reread = ReplayInvitationAsync })
            .WithSummary(
                "Emails a single-use invitation link to the person; they join when they accept. Only permissions you hold can be given."
            )
            .Produces<InvitationDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        invitations
            .MapPost("/{id:guid}/resend", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new ResendInvitationCommand(id), ct))
            )
            .WithName("ResendInvitation")
            .WithSummary("Emails the invitation again with a new link and expiry; the earlier link stops working.")
            .Produces<InvitationDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        invitations
            .MapDelete("/{id:guid}", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.NoContent(await sender.Send(new RevokeInvitationCommand(id), ct))
            )
            .WithName("RevokeInvitation")
            .WithSummary("Withdraws an invitation: its link stops working at once.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReplayInvitationAsync(HttpContext http, Guid id)
    {
        ApiTenantFilter.Apply(http);
        var invitation = await http.RequestServices.GetRequiredService<ISender>().Send(new GetInvitationQuery(id), http.RequestAborted);
        return ApiResults.Created(invitation, i => $"{ApiEndpoints.Prefix}/invitations/{i.Id}", i => i);
    }
}

/// <summary>How many sessions were ended.</summary>
public sealed record EndedSessionsDto(int SessionsEnded);
