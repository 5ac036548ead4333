using Natero.Connectors.Application.Connections.Queries.GetConnections;

namespace Natero.Connectors.Application.Platform.Connections.Queries.ListPlatformConnections;

public sealed record PlatformConnectionDto(Guid TenantId, string TenantSlug, string TenantName, ConnectionDto Connection);
