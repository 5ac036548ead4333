namespace Natero.Connectors.Domain.Common;

/// <summary>Creation and modification times, set by the persistence layer from the injected clock.</summary>
public interface IAuditable
{
    DateTimeOffset CreatedAt { get; }
    DateTimeOffset UpdatedAt { get; }
    void Touch(DateTimeOffset now);
}
