namespace Natero.Connectors.Domain.Authorization;

public sealed record PermissionDefinition(string Name, string DisplayName, string Description);
