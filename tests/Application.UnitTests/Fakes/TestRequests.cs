using Mediator;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.UnitTests.Fakes;

/// <summary>Requests that declare one thing each, so that a behaviour can be tested against that declaration alone.</summary>
public sealed record PlainCommand : ICommand<Result<string>>;

public sealed record PlainCommandWithoutValue : ICommand<Result>;

[RequirePermission(Permissions.DataConnectors.Configure)]
public sealed record ConfigureConnectorCommand(string Name) : ICommand<Result<string>>, ITenantRequest;

[RequirePermission(Permissions.DataConnectors.View)]
[RequirePermission(Permissions.DataConnectors.ReadCredentials)]
public sealed record ReadCredentialsCommand : ICommand<Result<string>>, ITenantRequest;

[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record PlatformQuery : IQuery<Result<string>>;

[AllowAnonymousRequest]
public sealed record AnonymousCommand : ICommand<Result<string>>;

public sealed record TenantCommand : ICommand<Result<string>>, ITenantRequest;

public sealed record RenameCommand(string Name, string Slug) : ICommand<Result<string>>;
