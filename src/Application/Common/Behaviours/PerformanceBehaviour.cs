using Mediator;
using Microsoft.Extensions.Logging;

namespace Natero.Connectors.Application.Common.Behaviours;

/// <summary>Flags requests slow enough for someone to look at.</summary>
public sealed partial class PerformanceBehaviour<TMessage, TResponse>(
    TimeProvider time,
    ILogger<PerformanceBehaviour<TMessage, TResponse>> logger
) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(500);

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken
    )
    {
        var started = time.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = time.GetElapsedTime(started);
        if (elapsed > Threshold)
        {
            LogSlow(logger, typeof(TMessage).Name, (long)elapsed.TotalMilliseconds);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow request {Request}: {ElapsedMilliseconds} ms")]
    private static partial void LogSlow(ILogger logger, string request, long elapsedMilliseconds);
}
