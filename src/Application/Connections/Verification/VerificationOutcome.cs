using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Verification;

public sealed record VerificationOutcome(ConnectionStatus Status, bool Healthy, string Message);
