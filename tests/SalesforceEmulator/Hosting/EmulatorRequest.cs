namespace Natero.Connectors.SalesforceEmulator.Hosting;

/// <summary>Per-request facts the middleware learns and the request log records.</summary>
internal sealed class EmulatorRequest(HostSlot host)
{
    public HostSlot Host { get; } = host;

    public string? AppliedFault { get; set; }
}

internal static class EmulatorRequestExtensions
{
    public static EmulatorRequest Emulator(this HttpContext context) =>
        context.Features.Get<EmulatorRequest>() ?? throw new InvalidOperationException("The host middleware did not run.");

    public static HostSlot Host(this HttpContext context) => context.Emulator().Host;
}
