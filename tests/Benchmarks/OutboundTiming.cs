using System.Diagnostics;

namespace Natero.Connectors.Benchmarks;

/// <summary>Adds up the time the app spends waiting on outbound HTTP in the current async flow.</summary>
internal sealed class OutboundTiming : DelegatingHandler
{
    private static readonly AsyncLocal<StrongBox> Current = new();

    public static StrongBox Begin() => Current.Value = new StrongBox();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        finally
        {
            if (Current.Value is { } box)
            {
                Interlocked.Add(ref box.Ticks, Stopwatch.GetTimestamp() - started);
            }
        }
    }

    internal sealed class StrongBox
    {
        public long Ticks;

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Ticks);
    }
}
