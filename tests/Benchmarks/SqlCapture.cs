using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Natero.Connectors.Benchmarks;

/// <summary>A query exactly as EF Core sent it: its text and its parameters with their values.</summary>
internal sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

/// <summary>
/// Keeps the last query of one table (the audit events unless told) EF Core runs while armed, so that it
/// can be explained with the same text and parameters, and counts every command (query, update or scalar)
/// sent meanwhile. Unarmed it only reads a flag.
/// </summary>
internal sealed class SqlCapture(string table = "AuditEvents") : DbCommandInterceptor
{
    private readonly string _from = $"FROM \"{table}\"";
    private volatile bool _armed;
    private CapturedCommand? _captured;
    private int _commands;

    /// <summary>Commands of any table sent since the last <see cref="Arm"/>.</summary>
    public int Commands => _commands;

    public void Arm()
    {
        _captured = null;
        _commands = 0;
        _armed = true;
    }

    public CapturedCommand Take()
    {
        _armed = false;
        return _captured ?? throw new InvalidOperationException($"No query of \"{table}\" ran while the capture was armed.");
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result
    )
    {
        Capture(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default
    )
    {
        Capture(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<object> result
    )
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<object> result,
        CancellationToken cancellationToken = default
    )
    {
        Count();
        return ValueTask.FromResult(result);
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of the command (or plain EXPLAIN), on a connection of its own.</summary>
    public static async Task<List<string>> ExplainAsync(string connectionString, CapturedCommand command, bool analyze)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var options = analyze ? "(ANALYZE, BUFFERS)" : "(COSTS)";
        await using var explain = new NpgsqlCommand($"EXPLAIN {options} {command.Sql}", connection) { CommandTimeout = 600 };
        foreach (var parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private void Capture(DbCommand command)
    {
        if (!_armed)
        {
            return;
        }

        Interlocked.Increment(ref _commands);
        if (command is NpgsqlCommand npgsql && command.CommandText.Contains(_from, StringComparison.Ordinal))
        {
            _captured = new CapturedCommand(command.CommandText, [.. npgsql.Parameters.Select(p => p.Clone())]);
        }
    }

    private void Count()
    {
        if (_armed)
        {
            Interlocked.Increment(ref _commands);
        }
    }
}
