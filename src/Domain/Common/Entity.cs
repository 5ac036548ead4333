namespace Natero.Connectors.Domain.Common;

/// <summary>
/// Base of every entity, so that the rules on entities (private setters, no framework types) find them all.
/// It carries no domain events: what other parts must learn of a change is written explicitly, in the
/// transaction that makes the change.
/// </summary>
public abstract class Entity;
