using Mediator;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;
using Natero.Connectors.Application.Platform.Connections.Queries.GetPlatformConnectionHistory;
using Natero.Connectors.Web.Pages.Shared.Connections;

namespace Natero.Connectors.Web.Pages.Platform;

/// <summary>Any tenant's connection and its history, for Natero staff.</summary>
public sealed class ConnectionHistoryModel(ISender sender) : ConnectionHistoryPageModel(sender)
{
    protected override ValueTask<Result<ConnectionHistoryDto>> ReadAsync(
        ISender sender,
        Guid id,
        DateTimeOffset? before,
        CancellationToken cancellationToken
    ) => sender.Send(new GetPlatformConnectionHistoryQuery(id, before), cancellationToken);
}
