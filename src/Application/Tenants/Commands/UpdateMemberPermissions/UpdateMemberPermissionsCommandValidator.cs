using FluentValidation;

namespace Natero.Connectors.Application.Tenants.Commands.UpdateMemberPermissions;

public sealed class UpdateMemberPermissionsCommandValidator : AbstractValidator<UpdateMemberPermissionsCommand>
{
    public UpdateMemberPermissionsCommandValidator()
    {
        RuleFor(c => c.MembershipId).NotEmpty();
        RuleFor(c => c.Permissions).KnownPermissions();
    }
}
