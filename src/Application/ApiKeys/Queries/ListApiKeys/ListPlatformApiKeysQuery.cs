using Mediator;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.ApiKeys.Queries.ListApiKeys;

/// <summary>The platform's keys, for platform admins and auditors; never their secrets.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record ListPlatformApiKeysQuery : IQuery<Result<IReadOnlyList<ApiKeyDto>>>;
