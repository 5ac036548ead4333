namespace Natero.Connectors.Application.Connections.Revocations;

/// <summary>Wakes this instance's revocation worker once a revocation is committed, so it need not wait for its next poll.</summary>
public interface IRevocationSignal
{
    void Signal();
}
