namespace Natero.Connectors.Domain.Common;

/// <summary>
/// Base of every entity, so that the rules on entities (private setters, no framework types) find them all.
/// It carries no domain events: what other parts must learn of a change is written explicitly, in the
/// transaction that makes the change.
/// </summary>
public abstract class Entity;

public abstract class AuditableEntity : Entity, IAuditable
{
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Touch(DateTimeOffset now)
    {
        if (CreatedAt == default)
        {
            CreatedAt = now;
        }

        UpdatedAt = now;
    }
}
