using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Connections;

/// <summary>
/// One check of a connection (by the monitor or on request): whether it worked, and the status it left the
/// connection in. The audit trail keeps the changes; this keeps every check, changes or not, for history and charts.
/// </summary>
public sealed class ConnectionVerification : Entity, ITenantOwned
{
    private const int MessageLength = 500;

    private ConnectionVerification() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ConnectionId { get; private set; }
    public DateTimeOffset CheckedAt { get; private set; }

    /// <summary>The UTC day of <see cref="CheckedAt"/>, stored so that a count per day groups alike on every database.</summary>
    public DateOnly CheckedOn { get; private set; }

    public bool Healthy { get; private set; }
    public ConnectionStatus StatusAfter { get; private set; }

    /// <summary>What went wrong, in the words the pages show; null when the check was healthy.</summary>
    public string? Message { get; private set; }

    public static ConnectionVerification Record(Guid id, ProviderConnection connection, bool healthy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var message = healthy ? null : connection.LastErrorMessage;
        return new()
        {
            Id = Guard.NotEmpty(id, "Verification id"),
            TenantId = connection.TenantId,
            ConnectionId = connection.Id,
            CheckedAt = now,
            CheckedOn = DateOnly.FromDateTime(now.UtcDateTime),
            Healthy = healthy,
            StatusAfter = connection.Status,
            Message = message is { Length: > MessageLength } ? message[..MessageLength] : message,
        };
    }
}
