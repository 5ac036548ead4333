using Natero.Connectors.Application.Connections.Revocations;
using Natero.Connectors.Infrastructure.Hosting;

namespace Natero.Connectors.Infrastructure.Revocations;

/// <summary>Wakes this instance's revocation worker when a callback has just committed a grant to revoke.</summary>
public sealed class RevocationsWaiting : WorkSignal, IRevocationSignal;
