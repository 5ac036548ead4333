using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Tenants.Invitations.Commands.AcceptInvitation;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Accounts.Commands.SignInWithSso;

/// <summary>
/// Signs in the person a single sign-on provider vouched for (its id_token already validated by the web
/// layer): by the link to the provider's subject, or on a first sign-in by a link made only when the provider
/// says it verified the email and the email's domain is one of the provider's <c>EmailDomains</c>; then to the
/// account of that email, or to a new account when the email has a pending invitation, which it accepts.
/// Anything else links nothing. Every outcome is audited on the platform chain, never with a token.
/// </summary>
[AllowAnonymousRequest]
[AuditAction("account.signed_in", HandlerRecordsOutcome = true)]
public sealed record SignInWithSsoCommand(string Provider, string Subject, string? Email, bool EmailVerified, string? DisplayName)
    : ICommand<Result<SsoSignInDto>>;

public sealed class SignInWithSsoCommandValidator : AbstractValidator<SignInWithSsoCommand>
{
    public SignInWithSsoCommandValidator()
    {
        RuleFor(c => c.Provider).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Subject).NotEmpty().MaximumLength(255);
        RuleFor(c => c.Email).MaximumLength(256);
        RuleFor(c => c.DisplayName).MaximumLength(200);
    }
}

public sealed class SignInWithSsoCommandHandler(
    ISsoProviders providers,
    IExternalLogins logins,
    IUserDirectory users,
    IApplicationDbContext db,
    InvitationAcceptance acceptance,
    IAuditTrail audit
) : ICommandHandler<SignInWithSsoCommand, Result<SsoSignInDto>>
{
    public async ValueTask<Result<SsoSignInDto>> Handle(SignInWithSsoCommand command, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string?>
        {
            ["method"] = "sso",
            ["provider"] = command.Provider,
            ["email"] = command.Email?.Trim(),
        };
        if (providers.Find(command.Provider) is not { } provider)
        {
            return await RefuseAsync(
                null,
                data,
                "unknown_provider",
                "This single sign-on provider is not configured here.",
                cancellationToken
            );
        }

        if (await logins.FindAsync(provider.Name, command.Subject, cancellationToken) is { } linked)
        {
            return await SignInAsync(linked, provider, data, null, cancellationToken);
        }

        var email = command.Email?.Trim();
        if (string.IsNullOrEmpty(email) || EmailDomains.Of(email) is not { } domain)
        {
            return await RefuseAsync(
                null,
                data,
                "sso_no_email",
                $"{provider.DisplayName} did not tell Natero your email address, so no account can be found for you. Nothing was linked.",
                cancellationToken
            );
        }

        // A provider's word on an email it did not verify, or on a domain it does not speak for, would let
        // whoever controls that provider take over (or be invited into) someone else's account.
        if (!command.EmailVerified)
        {
            return await RefuseAsync(
                null,
                data,
                "sso_email_unverified",
                $"{provider.DisplayName} has not verified {email}, so Natero cannot tell that it is yours. Nothing was linked: "
                    + "ask your administrator to verify the address there, or sign in with your password.",
                cancellationToken
            );
        }

        if (!EmailDomains.Contains(provider.EmailDomains, email))
        {
            return await RefuseAsync(
                null,
                data,
                "sso_domain_not_allowed",
                $"{provider.DisplayName} does not sign in {domain} accounts here. Nothing was linked: sign in with your password.",
                cancellationToken
            );
        }

        if (await users.FindByEmailAsync(email, cancellationToken) is { } existing)
        {
            if (existing.Disabled)
            {
                return await RefuseAsync(
                    existing,
                    data,
                    "account_disabled",
                    "This account is disabled. Ask Natero support or your administrator.",
                    cancellationToken
                );
            }

            var linkedNow = await logins.LinkAsync(existing.Id, provider.Name, command.Subject, provider.DisplayName, cancellationToken);
            if (!linkedNow.IsSuccess)
            {
                return await RefuseAsync(existing, data, linkedNow.Error!.Code, linkedNow.Error.Message, cancellationToken);
            }

            audit.RecordAs(existing, "account.sso_linked", $"user:{existing.Id}", AuditOutcome.Success, data: data);
            return await SignInAsync(existing, provider, data, null, cancellationToken);
        }

        return await JoinByInvitationAsync(command, provider, email, data, cancellationToken);
    }

    private async Task<Result<SsoSignInDto>> JoinByInvitationAsync(
        SignInWithSsoCommand command,
        SsoProvider provider,
        string email,
        Dictionary<string, string?> data,
        CancellationToken cancellationToken
    )
    {
        // The sign-in arrives outside any tenant URL: the verified email names the invitations, in any tenant.
        var pending = await acceptance.PendingForAsync(email, cancellationToken);
        if (pending.Count == 0)
        {
            return await RefuseAsync(
                null,
                data,
                "sso_no_account",
                $"There is no Natero account for {email}. Ask your administrator "
                    + $"to invite you, then sign in with {provider.DisplayName} again.",
                cancellationToken
            );
        }

        var created = await logins.CreateAccountAsync(
            email,
            command.DisplayName,
            provider.Name,
            command.Subject,
            provider.DisplayName,
            cancellationToken
        );
        if (!created.IsSuccess)
        {
            return await RefuseAsync(null, data, created.Error!.Code, created.Error.Message, cancellationToken);
        }

        var person = created.Value;
        audit.RecordAs(
            person,
            "account.created",
            $"user:{person.Id}",
            AuditOutcome.Success,
            data: new Dictionary<string, string?>(data) { ["through"] = $"invitation:{pending[0].Invitation.Id}" }
        );
        audit.RecordAs(person, "account.sso_linked", $"user:{person.Id}", AuditOutcome.Success, data: data);
        string? joined = null;
        foreach (var found in pending)
        {
            var accepted = await acceptance.JoinAsync(found.Invitation, found.Tenant, person, cancellationToken);
            joined ??= accepted.IsSuccess ? accepted.Value.TenantSlug : null;
        }

        return await SignInAsync(person, provider, data, joined, cancellationToken);
    }

    private async Task<Result<SsoSignInDto>> SignInAsync(
        UserSummary user,
        SsoProvider provider,
        Dictionary<string, string?> data,
        string? joinedTenant,
        CancellationToken cancellationToken
    )
    {
        if (user.Disabled)
        {
            return await RefuseAsync(
                user,
                data,
                "account_disabled",
                "This account is disabled. Ask Natero support or your administrator.",
                cancellationToken
            );
        }

        await logins.SignInAsync(user.Id, provider.Name, cancellationToken);
        audit.RecordAs(user, "account.signed_in", $"user:{user.Id}", AuditOutcome.Success, data: data);
        await db.SaveChangesAsync(cancellationToken);
        return new SsoSignInDto(user, joinedTenant);
    }

    private async Task<Error> RefuseAsync(
        UserSummary? user,
        Dictionary<string, string?> data,
        string code,
        string message,
        CancellationToken cancellationToken
    )
    {
        audit.Record(
            "account.sign_in_failed",
            user is null ? null : $"user:{user.Id}",
            AuditOutcome.Denied,
            message,
            data: new Dictionary<string, string?>(data) { ["reason"] = code }
        );
        await db.SaveChangesAsync(cancellationToken);
        return new Error(ErrorKind.Unauthorized, code, message);
    }
}
