using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.ApiKeys.Commands.RevokeApiKey;

[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform_api_key.revoked")]
public sealed record RevokePlatformApiKeyCommand(Guid ApiKeyId) : ICommand<Result>;
