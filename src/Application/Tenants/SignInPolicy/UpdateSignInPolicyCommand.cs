using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.SignInPolicy;

/// <summary>
/// Sets the tenant's sign-in policy. Requiring a second factor needs one of your own first, so that nobody locks themselves out.
/// </summary>
[RequirePermission(Permissions.Users.Manage)]
[AuditAction("tenant.sign_in_policy_changed")]
public sealed record UpdateSignInPolicyCommand(bool RequireSecondFactor, IReadOnlyList<string> SsoRequiredDomains, bool SsoAdminBreakGlass)
    : ICommand<Result<SignInPolicyDto>>,
        ITenantRequest;

public sealed class UpdateSignInPolicyCommandValidator : AbstractValidator<UpdateSignInPolicyCommand>
{
    public UpdateSignInPolicyCommandValidator()
    {
        RuleFor(c => c.SsoRequiredDomains)
            .NotNull()
            .Must(d => d.Count <= EmailDomains.MaxCount)
            .WithMessage($"At most {EmailDomains.MaxCount} email domains.");
        RuleForEach(c => c.SsoRequiredDomains)
            .Must(d => d is not null && EmailDomains.IsDomain(d.Trim().TrimStart('@').ToLowerInvariant()))
            .WithMessage(
                (_, d) =>
                    d is null
                        ? "An email domain cannot be empty."
                        : $"\"{(d.Length > 64 ? d[..64] + "…" : d)}\" is not an email domain such as example.com."
            );
    }
}

public sealed class UpdateSignInPolicyCommandHandler(IApplicationDbContext db, ITenantContext tenant, ICurrentUser user, IAuditTrail audit)
    : ICommandHandler<UpdateSignInPolicyCommand, Result<SignInPolicyDto>>
{
    public const string EnrolFirst =
        "Set up a second factor for yourself first (Account > Security), so that requiring one does not lock you out.";

    public async ValueTask<Result<SignInPolicyDto>> Handle(UpdateSignInPolicyCommand command, CancellationToken cancellationToken)
    {
        var row = await db.Tenants.SingleAsync(t => t.Id == tenant.TenantId, cancellationToken);
        if (command.RequireSecondFactor && !row.RequireSecondFactor && user.ApiKey is null && !user.HasSecondFactor)
        {
            return Error.Conflict("second_factor_needed", EnrolFirst);
        }

        row.SetSignInPolicy(command.RequireSecondFactor, command.SsoRequiredDomains, command.SsoAdminBreakGlass);
        var dto = SignInPolicies.ToDto(row);
        audit.Describe(
            $"tenant:{row.Id}",
            new Dictionary<string, string?>
            {
                ["require_second_factor"] = dto.RequireSecondFactor ? "true" : "false",
                ["sso_required_domains"] = string.Join(' ', dto.SsoRequiredDomains),
                ["sso_admin_break_glass"] = dto.SsoAdminBreakGlass ? "true" : "false",
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        return dto;
    }
}
