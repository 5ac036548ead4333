using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Tenants.Invitations.Commands.AcceptInvitation;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Accounts.Commands.ProvisionHostUser;

/// <summary>
/// The first time the host (option B, the plugin mounted in an application that signs people in itself) sends a
/// person the plugin has no account for: the account of the same email is linked to the host's subject, or a new
/// account (without a password) is made and joins every tenant whose invitation for that email is pending. The host
/// is trusted to have verified the email: it is the application the plugin was installed in. Audited on the
/// platform chain. Later requests find the account by the link without this command.
/// </summary>
[AllowAnonymousRequest]
[AuditAction("account.host_provisioned", HandlerRecordsOutcome = true)]
public sealed record ProvisionHostUserCommand(string Subject, string Email, string? DisplayName) : ICommand<Result<UserSummary>>
{
    /// <summary>The provider name of the link between a plugin account and the host's subject.</summary>
    public const string Provider = "host";
}

public sealed class ProvisionHostUserCommandValidator : AbstractValidator<ProvisionHostUserCommand>
{
    public ProvisionHostUserCommandValidator()
    {
        RuleFor(c => c.Subject).NotEmpty().MaximumLength(255);
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress();
        RuleFor(c => c.DisplayName).MaximumLength(200);
    }
}

public sealed class ProvisionHostUserCommandHandler(
    IExternalLogins logins,
    IUserDirectory users,
    IApplicationDbContext db,
    InvitationAcceptance acceptance,
    IAuditTrail audit
) : ICommandHandler<ProvisionHostUserCommand, Result<UserSummary>>
{
    private const string HostDisplayName = "Host application";

    public async ValueTask<Result<UserSummary>> Handle(ProvisionHostUserCommand command, CancellationToken cancellationToken)
    {
        const string provider = ProvisionHostUserCommand.Provider;
        if (await logins.FindAsync(provider, command.Subject, cancellationToken) is { } linked)
        {
            return linked;
        }

        var email = command.Email.Trim();
        var data = new Dictionary<string, string?> { ["method"] = "host", ["email"] = email };
        if (await users.FindByEmailAsync(email, cancellationToken) is { } existing)
        {
            var linkedNow = await logins.LinkAsync(existing.Id, provider, command.Subject, HostDisplayName, cancellationToken);
            if (!linkedNow.IsSuccess)
            {
                // Another request linked it a moment ago, or the account is linked to another subject of the host.
                return await logins.FindAsync(provider, command.Subject, cancellationToken) is { } raced
                    ? raced
                    : await RefuseAsync(existing, data, linkedNow.Error!, cancellationToken);
            }

            audit.RecordAs(existing, "account.host_linked", $"user:{existing.Id}", AuditOutcome.Success, data: data);
            await db.SaveChangesAsync(cancellationToken);
            return existing;
        }

        var created = await logins.CreateAccountAsync(
            email,
            command.DisplayName,
            provider,
            command.Subject,
            HostDisplayName,
            cancellationToken
        );
        if (!created.IsSuccess)
        {
            return await logins.FindAsync(provider, command.Subject, cancellationToken) is { } raced
                ? raced
                : await RefuseAsync(null, data, created.Error!, cancellationToken);
        }

        var person = created.Value;
        audit.RecordAs(person, "account.created", $"user:{person.Id}", AuditOutcome.Success, data: data);
        audit.RecordAs(person, "account.host_linked", $"user:{person.Id}", AuditOutcome.Success, data: data);
        await JoinInvitedTenantsAsync(person, email, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return person;
    }

    /// <summary>The invitations pending for the email, in any tenant: the person accepts them by arriving.</summary>
    private async Task JoinInvitedTenantsAsync(UserSummary person, string email, CancellationToken cancellationToken)
    {
        foreach (var (invitation, tenant) in await acceptance.PendingForAsync(email, cancellationToken))
        {
            await acceptance.JoinAsync(invitation, tenant, person, cancellationToken);
        }
    }

    private async Task<Error> RefuseAsync(
        UserSummary? user,
        Dictionary<string, string?> data,
        Error error,
        CancellationToken cancellationToken
    )
    {
        audit.Record(
            "account.sign_in_failed",
            user is null ? null : $"user:{user.Id}",
            AuditOutcome.Denied,
            error.Message,
            data: new Dictionary<string, string?>(data) { ["reason"] = error.Code }
        );
        await db.SaveChangesAsync(cancellationToken);
        return new Error(ErrorKind.Unauthorized, error.Code, error.Message);
    }
}
