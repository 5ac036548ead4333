namespace Natero.Connectors.ZendeskEmulator.Hosting;

/// <summary>Per-request facts the middleware learns and the request log records.</summary>
internal sealed class EmulatorRequest(ZendeskAccount account)
{
    public ZendeskAccount Account { get; } = account;

    public string? GrantType { get; set; }

    public string? AppliedFault { get; set; }
}

internal static class EmulatorRequestExtensions
{
    public static EmulatorRequest Emulator(this HttpContext context) =>
        context.Features.Get<EmulatorRequest>() ?? throw new InvalidOperationException("The account middleware did not run.");

    public static ZendeskAccount Account(this HttpContext context) => context.Emulator().Account;

    /// <summary>Tells which account a request reached by the local port it arrived on; a port without an account is 404.</summary>
    public static IApplicationBuilder UseAccountResolution(this IApplicationBuilder app, AccountSlots slots) =>
        app.Use(
            async (context, next) =>
            {
                if (slots.Find(context.Connection.LocalPort) is not { } account)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                context.Features.Set(new EmulatorRequest(account));
                await next(context);
            }
        );
}
