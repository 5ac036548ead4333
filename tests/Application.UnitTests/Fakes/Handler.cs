using Mediator;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.UnitTests.Fakes;

/// <summary>Stands in for the rest of the pipeline: records whether it was reached and answers success.</summary>
internal sealed class Handler<TMessage>
    where TMessage : IMessage
{
    public int Calls { get; private set; }

    public MessageHandlerDelegate<TMessage, Result<string>> Next =>
        (_, _) =>
        {
            Calls++;
            return ValueTask.FromResult(Result.Success("handled"));
        };

    public MessageHandlerDelegate<TMessage, Result> NextWithoutValue =>
        (_, _) =>
        {
            Calls++;
            return ValueTask.FromResult(Result.Success());
        };

    public bool WasCalled => Calls > 0;
}
