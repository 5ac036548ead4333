using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Natero.Connectors.Benchmarks;

/// <summary>A query exactly as EF Core sent it: its text and its parameters with their values.</summary>
internal sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

/// <summary>
/// Keeps the last audit-event query EF Core runs while armed, so that it can be explained with the
/// same text and parameters. Unarmed it only reads a flag.
/// </summary>
internal sealed class SqlCapture : DbCommandInterceptor
{
    private volatile bool _armed;
    private CapturedCommand? _captured;

    public void Arm()
    {
        _captured = null;
        _armed = true;
    }

    public CapturedCommand Take()
    {
        _armed = false;
        return _captured ?? throw new InvalidOperationException("No query of \"AuditEvents\" ran while the capture was armed.");
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Capture(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Capture(command);
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
        if (_armed && command is NpgsqlCommand npgsql && command.CommandText.Contains("FROM \"AuditEvents\"", StringComparison.Ordinal))
        {
            _captured = new CapturedCommand(command.CommandText, [.. npgsql.Parameters.Select(p => p.Clone())]);
        }
    }
}
