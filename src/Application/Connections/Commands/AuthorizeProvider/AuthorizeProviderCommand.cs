using Mediator;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;

/// <summary>
/// Starts an OAuth attempt for the current tenant and answers where to send the browser, plus the
/// browser-binding value the caller must set as an HttpOnly cookie.
/// </summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("connection.authorization_started")]
public sealed record AuthorizeProviderCommand(string Provider, string? Environment, string? Host, string? ReturnUrl)
    : ICommand<Result<AuthorizationStartDto>>,
        ITenantRequest,
        IAuthorizeInput;

public sealed class AuthorizeProviderCommandHandler(
    IApplicationDbContext db,
    IOAuthProviderRegistry providers,
    ISecretProtector protector,
    ITenantContext tenant,
    ICurrentUser user,
    TimeProvider time
) : ICommandHandler<AuthorizeProviderCommand, Result<AuthorizationStartDto>>
{
    public async ValueTask<Result<AuthorizationStartDto>> Handle(AuthorizeProviderCommand command, CancellationToken cancellationToken)
    {
        var provider = providers.Find(command.Provider);
        if (provider is null)
        {
            return AuthorizeInputValidator.UnknownProvider(command.Provider);
        }

        if (!provider.Descriptor.IsConfigured)
        {
            return Error.Conflict(
                "provider_not_configured",
                provider.Descriptor.NotConfiguredHelp ?? $"{provider.Descriptor.DisplayName} is not configured."
            );
        }

        var site = provider.ResolveSite(command.Environment, command.Host);
        var loginUrl = site.IsSuccess ? provider.LoginUrl(site.Value) : site.Error!;
        if (!loginUrl.IsSuccess)
        {
            return loginUrl.Error!;
        }

        var tenantId = tenant.TenantId!.Value;
        var state = OAuthSecrets.NewRandomValue();
        var verifier = OAuthSecrets.NewRandomValue();
        var binding = OAuthSecrets.NewRandomValue();
        var id = Ids.New(time);
        var attempt = PendingAuthorization.Start(
            id,
            tenantId,
            user.UserId!.Value,
            provider.Descriptor.Key,
            site.Value,
            loginUrl.Value,
            OAuthSecrets.Hash(state),
            OAuthSecrets.Hash(binding),
            protector.Protect(verifier, SecretBinding.CodeVerifier(tenantId, id)),
            LocalReturnUrl.OrDefault(command.ReturnUrl, $"/t/{tenant.TenantSlug}/settings/it-administration/oauth"),
            time.GetUtcNow()
        );
        db.PendingAuthorizations.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);

        var url = provider.BuildAuthorizationUrl(loginUrl.Value, state, OAuthSecrets.CodeChallenge(verifier));
        return new AuthorizationStartDto(url, binding, attempt.ExpiresAt);
    }
}
