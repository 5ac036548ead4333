using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;

/// <summary>
/// A single-use link that automation hands to a person, who opens it, signs in (with "Configure data
/// connectors" in this tenant) and continues into the provider's consent screen. Returns the link's
/// token once; only its hash is kept.
/// </summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("connection.authorization_link_created")]
public sealed record CreateAuthorizationLinkCommand(string Provider, string? Environment, string? Host, string? ReturnUrl)
    : ICommand<Result<CreatedAuthorizationLinkDto>>,
        ITenantRequest,
        IAuthorizeInput;

public sealed class CreateAuthorizationLinkCommandValidator : AbstractValidator<CreateAuthorizationLinkCommand>
{
    public CreateAuthorizationLinkCommandValidator(IOAuthProviderRegistry providers) => Include(new AuthorizeInputValidator(providers));
}
