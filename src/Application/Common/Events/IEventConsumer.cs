using Natero.Connectors.Domain.Events;

namespace Natero.Connectors.Application.Common.Events;

/// <summary>
/// Turns one outbox event into the work it causes (webhook deliveries, emails). The dispatcher calls every
/// consumer in one unit of work that also marks the event dispatched, so what they add is saved exactly once,
/// or not at all: a consumer only adds to the scope's context and outboxes, and never calls another system.
/// </summary>
public interface IEventConsumer
{
    Task ConsumeAsync(OutboundEvent outbound, CancellationToken cancellationToken);
}
