using Mediator;
using Microsoft.Extensions.Logging;

namespace Natero.Connectors.Application.Common.Behaviours;

public sealed partial class UnhandledExceptionBehaviour<TMessage, TResponse>(
    ILogger<UnhandledExceptionBehaviour<TMessage, TResponse>> logger
) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken
    )
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnhandled(logger, ex, typeof(TMessage).Name);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Request} failed with an unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string request);
}
