using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Natero.Connectors.Tests.Shared;
using Npgsql;

namespace Natero.Connectors.Tests.Shared;

/// <summary>
/// Everything a database holds, as text, read past the app: every value of every row of every table,
/// the SQLite file's bytes, or a PostgreSQL dump.
/// </summary>
public static class DatabaseText
{
    public sealed record Cell(string Table, string Column, string Value);

    /// <summary>Every non-null value of every row of every table (or of <paramref name="onlyTables"/>).</summary>
    public static async Task<IReadOnlyList<Cell>> CellsAsync(TestDatabase database, params string[] onlyTables)
    {
        await using var connection = database.OpenConnection();
        var tables = onlyTables.Length > 0 ? [.. onlyTables] : await TablesAsync(connection, database.IsPostgres);
        var cells = new List<Cell>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!await reader.IsDBNullAsync(i))
                    {
                        cells.Add(new Cell(table, reader.GetName(i), AsText(reader.GetValue(i))));
                    }
                }
            }
        }

        return cells;
    }

    /// <summary>The SQLite database file and its write-ahead log, byte for byte, once no pooled connection holds them.</summary>
    public static string SqliteFile(TestDatabase database)
    {
        SqliteConnection.ClearAllPools();
        var path = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var text = new StringBuilder();
        foreach (var file in new[] { path, path + "-wal", path + "-journal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            text.Append(Encoding.Latin1.GetString(memory.ToArray()));
        }

        return text.ToString();
    }

    /// <summary>What <c>pg_dump</c> writes for the test database: schema and every row.</summary>
    public static async Task<string> PostgresDumpAsync(TestDatabase database)
    {
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var start = new ProcessStartInfo(PgDump())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var argument in new[]
            {
                "--host",
                settings.Host!,
                "--port",
                settings.Port.ToString(CultureInfo.InvariantCulture),
                "--username",
                settings.Username!,
                "--no-owner",
                settings.Database!,
            }
        )
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = settings.Password ?? string.Empty;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_dump failed: {await error}");
        }

        return await output;
    }

    /// <summary>The newest installed pg_dump, which reads any server of its version or older.</summary>
    private static string PgDump() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory
                .GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", "pg_dump"))
                .Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .FirstOrDefault()
                ?? "pg_dump"
            : "pg_dump";

    private static async Task<List<string>> TablesAsync(DbConnection connection, bool isPostgres)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = isPostgres
            ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static string AsText(object value) =>
        value switch
        {
            byte[] bytes => Encoding.Latin1.GetString(bytes),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
}
