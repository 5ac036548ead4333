using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Common.Providers;

public sealed record ApiAccessCheck(ApiAccessOutcome Outcome, ConnectionError? Error)
{
    public static ApiAccessCheck Enabled { get; } = new(ApiAccessOutcome.Enabled, null);
}
