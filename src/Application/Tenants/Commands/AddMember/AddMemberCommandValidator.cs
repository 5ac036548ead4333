using FluentValidation;

namespace Natero.Connectors.Application.Tenants.Commands.AddMember;

public sealed class AddMemberCommandValidator : AbstractValidator<AddMemberCommand>
{
    public AddMemberCommandValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Permissions).KnownPermissions();
    }
}
