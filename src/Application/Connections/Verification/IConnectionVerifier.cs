using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Connections.Verification;

public interface IConnectionVerifier
{
    /// <summary>Checks that the connection's token still works and that the API is open; moves the status to match.</summary>
    Task<Result<VerificationOutcome>> VerifyAsync(Guid tenantId, Guid connectionId, CancellationToken cancellationToken);
}
