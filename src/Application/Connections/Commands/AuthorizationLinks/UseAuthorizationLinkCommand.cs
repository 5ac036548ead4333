using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections.Queries.GetAuthorizationLink;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;

/// <summary>Uses the link up, once, for the signed-in person; the caller then starts the authorization it describes.</summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("connection.authorization_link_used")]
public sealed record UseAuthorizationLinkCommand(string Token) : ICommand<Result<AuthorizationLinkDto>>, ITenantRequest;
