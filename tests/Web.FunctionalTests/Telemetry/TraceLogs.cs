using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Natero.Connectors.Web.FunctionalTests.Telemetry;

/// <summary>A logger provider that keeps each line with the trace id its scopes carried, as a structured log output would.</summary>
public sealed class TraceLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<(string Line, string? TraceId)> _lines = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<(string Line, string? TraceId)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(TraceLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        )
        {
            string? traceId = null;
            owner._scopes?.ForEachScope(
                (scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        traceId ??= pairs.FirstOrDefault(p => p.Key == "TraceId").Value?.ToString();
                    }
                },
                (object?)null
            );
            owner._lines.Enqueue(($"{category}: {formatter(state, exception)}", traceId));
        }
    }
}
