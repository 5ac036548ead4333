using Mediator;
using Microsoft.AspNetCore.Authorization;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Pages.Shared.Connections;

namespace Natero.Connectors.Web.Pages.Tenant.Settings.ItAdministration;

/// <summary>One of the tenant's connections and its history; another tenant's connection is not found.</summary>
[Authorize(Policy = Permissions.DataConnectors.View)]
public sealed class ConnectionHistoryModel(ISender sender) : ConnectionHistoryPageModel(sender)
{
    protected override ValueTask<Result<ConnectionHistoryDto>> ReadAsync(
        ISender sender,
        Guid id,
        DateTimeOffset? before,
        CancellationToken cancellationToken
    ) => sender.Send(new GetConnectionHistoryQuery(id, before), cancellationToken);
}
