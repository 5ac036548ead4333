using Natero.Connectors.Infrastructure.Hosting;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>Wakes this instance's delivery worker when the dispatcher has just committed deliveries.</summary>
public sealed class DeliveriesWaiting : WorkSignal;
