using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Common.Behaviours;

public sealed partial class ValidationBehaviour<TMessage, TResponse>(
    IEnumerable<IValidator<TMessage>> validators,
    ILogger<ValidationBehaviour<TMessage, TResponse>> logger
) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken
    )
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count == 0)
        {
            return await next(message, cancellationToken);
        }

        var fields = failures
            .GroupBy(f => f.PropertyName, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(f => f.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(),
                StringComparer.Ordinal
            );
        LogInvalid(logger, typeof(TMessage).Name, string.Join(", ", fields.Keys));
        var error = Error.Invalid("validation_failed", failures[0].ErrorMessage) with { Fields = fields };
        return ResultFailures.Create<TResponse>(error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Request}: invalid {Fields}")]
    private static partial void LogInvalid(ILogger logger, string request, string fields);
}
