namespace Natero.Connectors.HubSpotEmulator.Hosting;

/// <summary>Serves injected faults; runs after routing so it knows which endpoint a request is for.</summary>
internal static class FaultMiddleware
{
    public static IApplicationBuilder UseFaults(
        this IApplicationBuilder app,
        EmulatorFaults faults,
        TimeProvider time,
        IHostApplicationLifetime lifetime
    ) =>
        app.Use(
            async (context, next) =>
            {
                var tag = context.GetEndpoint()?.Metadata.GetMetadata<EndpointTag>();
                var fault = tag is null ? null : faults.TryTake(tag.Endpoint);
                if (fault is null)
                {
                    await next(context);
                    return;
                }

                context.Items[RequestLogMiddleware.FaultItem] = fault.ToString();
                switch (fault)
                {
                    case RespondFault respond:
                        context.Response.StatusCode = respond.StatusCode;
                        context.Response.ContentType = respond.ContentType;
                        foreach (var (name, value) in respond.Headers)
                        {
                            context.Response.Headers[name] = value;
                        }

                        await context.Response.WriteAsync(respond.Body, context.RequestAborted);
                        break;
                    case DelayFault delay:
                        if (await Wait(delay.Duration, time, context.RequestAborted, lifetime.ApplicationStopping))
                        {
                            await next(context);
                        }

                        break;
                    case DropConnectionFault:
                        // The request log middleware aborts the connection once it has recorded the request.
                        context.Items[RequestLogMiddleware.DroppedItem] = true;
                        break;
                    default:
                        throw new InvalidOperationException($"No handling for {fault}.");
                }
            }
        );

    /// <returns>False when the client gave up or the emulator is stopping.</returns>
    private static async Task<bool> Wait(TimeSpan duration, TimeProvider time, CancellationToken aborted, CancellationToken stopping)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        try
        {
            await Task.Delay(duration, time, cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
