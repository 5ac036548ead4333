namespace Natero.Connectors.Domain.Common;

public interface IDomainEvent
{
    DateTimeOffset OccurredAt { get; }
}
