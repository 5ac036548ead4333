using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CsvHelper;
using Natero.Connectors.Application.Audit.Checkpoints;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Events;

namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>
/// Checks an audit export (the CSV of <see cref="AuditCsv"/>) against the checkpoints a customer received, with nothing but
/// the files and the public key: each checkpoint's signature, then each chain of the export by the rules of
/// <see cref="AuditChainLinks"/> (the hash rule of <see cref="AuditEvent.Seal"/>), then each checkpoint's (seq, hash)
/// against the export. Every problem is reported, not only the first.
/// </summary>
public static class AuditExportVerifier
{
    /// <summary>Past this many ambiguous cells in one row (empty or null, escaped or not), only the likeliest reading is tried.</summary>
    private const int MaxAmbiguousCells = 8;

    private static readonly char[] InjectionCharacters = ['=', '@', '+', '-', '\t', '\r'];

    public static async Task<AuditExportReport> VerifyFilesAsync(
        string exportPath,
        string checkpointsPath,
        string publicKeyPath,
        CancellationToken cancellationToken
    )
    {
        var publicKeyPem = await File.ReadAllTextAsync(publicKeyPath, cancellationToken);
        await using var export = File.OpenRead(exportPath);
        await using var checkpoints = File.OpenRead(checkpointsPath);
        return await VerifyAsync(export, checkpoints, publicKeyPem, cancellationToken);
    }

    public static async Task<AuditExportReport> VerifyAsync(
        Stream export,
        Stream checkpointsJson,
        string publicKeyPem,
        CancellationToken cancellationToken
    )
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        var keyId = AuditCheckpointSignatures.KeyIdOf(key);
        var findings = new List<AuditExportFinding>();

        var received = ReadCheckpoints(await JsonDocument.ParseAsync(checkpointsJson, cancellationToken: cancellationToken), findings);
        var signed = new List<Received>();
        foreach (var c in received)
        {
            var what = $"Checkpoint {c.Number} (chain {c.ChainKey}, event {c.Seq})";
            if (!string.Equals(c.KeyId, keyId, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(
                    new(
                        AuditExportProblem.BadSignature,
                        c.ChainKey,
                        c.Seq,
                        null,
                        $"{what} names key {c.KeyId}, not this public key ({keyId})."
                    )
                );
            }
            else if (
                !AuditCheckpointSignatures.Verify(
                    key,
                    AuditCheckpoint.SignedText(c.ChainKey, c.TenantId, c.Seq, c.Hash, c.CreatedAt),
                    c.Signature
                )
            )
            {
                findings.Add(
                    new(
                        AuditExportProblem.BadSignature,
                        c.ChainKey,
                        c.Seq,
                        null,
                        $"{what}: the signature does not verify with the public key; the checkpoint was changed or not signed by Natero."
                    )
                );
            }
            else
            {
                signed.Add(c);
            }
        }

        var rows = ReadRows(export, findings);
        var genuine = new Dictionary<(string Chain, long Seq), Row>();
        var chains = rows.GroupBy(r => r.Chain, StringComparer.Ordinal).ToList();
        foreach (var chain in chains)
        {
            WalkChain(chain.Key, [.. chain], genuine, findings);
        }

        var notCovered = 0;
        foreach (var c in signed)
        {
            var chainRows = chains.FirstOrDefault(g => g.Key == c.ChainKey);
            if (chainRows is null || c.Seq < chainRows.Min(r => r.Seq))
            {
                notCovered++;
                continue;
            }

            var what =
                $"Checkpoint {c.Number} signed on {c.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC vouches for event {c.Seq} of chain {c.ChainKey}";
            var last = chainRows.Max(r => r.Seq);
            if (genuine.TryGetValue((c.ChainKey, c.Seq), out var row))
            {
                if (!string.Equals(row.Hash, c.Hash, StringComparison.Ordinal))
                {
                    findings.Add(
                        new(
                            AuditExportProblem.CheckpointContradicted,
                            c.ChainKey,
                            c.Seq,
                            row.Id,
                            $"{what} with hash {c.Hash}, "
                                + $"but the export's event {c.Seq} ({row.Id}) has hash {row.Hash}: history was rewritten."
                        )
                    );
                }
            }
            else
            {
                findings.Add(
                    new(
                        AuditExportProblem.CheckpointContradicted,
                        c.ChainKey,
                        c.Seq,
                        null,
                        c.Seq > last
                            ? $"{what}, but the export's chain ends at event {last}: "
                                + $"events {last + 1} to {c.Seq} were removed (or the export is older than the checkpoint)."
                            : $"{what}, but the export has no event {c.Seq}."
                    )
                );
            }
        }

        return new AuditExportReport(rows.Count, chains.Count, signed.Count, notCovered, findings);
    }

    /// <summary>
    /// Walks one chain in seq order. A row that links back to the event before it and is linked to by the next is the
    /// chain's; another row at the same seq was inserted; a row that does not link back but that the next links to is
    /// the chain's, and what it followed was removed or replaced; a row that links to nothing and that nothing links to
    /// was inserted.
    /// </summary>
    private static void WalkChain(string chain, List<Row> rows, Dictionary<(string, long), Row> genuine, List<AuditExportFinding> findings)
    {
        var followers = rows.Select(r => (r.Seq, r.PrevHash)).ToHashSet();
        bool IsFollowed(Row r) => followers.Contains((r.Seq + 1, r.Hash));

        Row? previous = null;
        var lastSeq = rows.Max(r => r.Seq);
        foreach (var group in rows.GroupBy(r => r.Seq).OrderBy(g => g.Key))
        {
            var seq = group.Key;
            var expectedPrevious = previous?.Hash ?? AuditChain.GenesisHash;
            var linkKnown = previous is not null ? seq == previous.Seq + 1 : seq == 1;
            if (previous is not null && seq > previous.Seq + 1)
            {
                var first = group.First();
                var gap = $"the export goes from event {previous.Seq} ({previous.Id}) to event {seq} ({first.Id}).";
                findings.Add(
                    new(
                        AuditExportProblem.Removed,
                        chain,
                        previous.Seq + 1,
                        null,
                        seq == previous.Seq + 2
                            ? $"Event {previous.Seq + 1} of chain {chain} was removed: {gap}"
                            : $"Events {previous.Seq + 1} to {seq - 1} of chain {chain} were removed: {gap}"
                    )
                );
            }

            bool Links(Row r) => !linkKnown || string.Equals(r.PrevHash, expectedPrevious, StringComparison.Ordinal);
            var ranked = group
                .OrderByDescending(r => Links(r) && IsFollowed(r))
                .ThenByDescending(Links)
                .ThenByDescending(IsFollowed)
                .ThenBy(r => r.Altered)
                .ToList();
            var chosen = ranked[0];
            genuine[(chain, seq)] = chosen;
            foreach (var extra in ranked.Skip(1))
            {
                findings.Add(
                    new(
                        AuditExportProblem.Inserted,
                        chain,
                        seq,
                        extra.Id,
                        $"Event {seq} ({extra.Id}, line {extra.Line}) of chain {chain} was inserted: "
                            + $"the chain's event {seq} is {chosen.Id}, which the events around it link to."
                    )
                );
            }

            if (chosen.Altered)
            {
                findings.Add(
                    new(
                        AuditExportProblem.Altered,
                        chain,
                        seq,
                        chosen.Id,
                        $"Event {seq} ({chosen.Id}, line {chosen.Line}) of chain {chain} was altered: "
                            + (chosen.AlteredWhy ?? "its content no longer matches its hash.")
                    )
                );
            }

            if (!Links(chosen))
            {
                var after = previous is null ? "the start of the chain" : $"event {previous.Seq} ({previous.Id})";
                findings.Add(
                    IsFollowed(chosen) || seq != lastSeq
                        ? new(
                            AuditExportProblem.Removed,
                            chain,
                            seq,
                            chosen.Id,
                            $"Event {seq} ({chosen.Id}) of chain {chain} does not follow {after}: "
                                + "the event it followed was removed or replaced."
                        )
                        : new(
                            AuditExportProblem.Inserted,
                            chain,
                            seq,
                            chosen.Id,
                            $"Event {seq} ({chosen.Id}, line {chosen.Line}) of chain {chain} does not follow {after} "
                                + "and nothing follows it: it was inserted."
                        )
                );
            }

            previous = chosen;
        }
    }

    private static List<Row> ReadRows(Stream export, List<AuditExportFinding> findings)
    {
        var rows = new List<Row>();
        using var csv = CsvReader.Create(export, null, leaveOpen: true);
        var columns = AuditCsv.Columns.Select(c => csv.Headers.ToList().IndexOf(c)).ToArray();
        if (columns.Any(i => i < 0))
        {
            findings.Add(
                new(
                    AuditExportProblem.Unreadable,
                    null,
                    null,
                    null,
                    $"The export has not the audit export's columns ({string.Join(",", AuditCsv.Columns)})."
                )
            );
            return rows;
        }

        while (csv.Read())
        {
            var cells = columns.Select(i => i < csv.FieldCount ? csv.GetString(i) : string.Empty).ToArray();
            var line = (int)csv.RowNumber + 1;
            if (ReadRow(cells, line, out var problem) is { } row)
            {
                rows.Add(row);
            }
            else
            {
                findings.Add(new(AuditExportProblem.Unreadable, null, null, null, $"Line {line}: {problem}"));
            }
        }

        return rows;
    }

    /// <summary>
    /// One row, in the order of <see cref="AuditCsv.Columns"/>. Its position and hashes must read; its content may not
    /// (then it is altered). An empty cell may have been empty text or nothing, and a cell starting with <c>'</c> and a
    /// formula character may have been escaped by the export or written so: each reading is tried.
    /// </summary>
    private static Row? ReadRow(string[] c, int line, out string? problem)
    {
        problem = null;
        if (!long.TryParse(c[15], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq <= 0)
        {
            problem = $"'{c[15]}' is not an event's seq.";
            return null;
        }

        var chain = c[14];
        Guid? tenantId = null;
        if (chain != AuditChain.PlatformKey)
        {
            if (!Guid.TryParseExact(chain, "N", out var parsed))
            {
                problem = $"'{chain}' is not a chain.";
                return null;
            }

            tenantId = parsed;
        }

        Guid? id = Guid.TryParse(c[13], out var eventId) ? eventId : null;
        var stated = (Seq: seq, Prev: c[16], Hash: c[17]);
        string? why = null;
        var intact = false;
        if (id is null)
        {
            why = "its event id does not read.";
        }
        else if (
            !DateTimeOffset.TryParseExact(
                c[0],
                "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var at
            )
        )
        {
            why = "its time does not read.";
        }
        else if (!TryEnum<ActorType>(c[2], out var actorType) || !TryEnum<AuditOutcome>(c[7], out var outcome))
        {
            why = "its actor type or outcome is not one the trail records.";
        }
        else
        {
            // actor_id, actor, action, target, reason, ip_address, user_agent, correlation_id, data.
            int[] text = [3, 4, 5, 6, 8, 9, 10, 11, 12];
            var readings = text.Select(i => Readings(c[i], nullable: i is not 4 and not 5)).ToArray();
            foreach (var choice in Choices(readings))
            {
                try
                {
                    var content = AuditEvent.Record(
                        id.Value,
                        at,
                        tenantId,
                        actorType,
                        choice[0],
                        choice[1]!,
                        choice[2]!,
                        choice[3],
                        outcome,
                        choice[4],
                        choice[5],
                        choice[6],
                        choice[7],
                        choice[8]
                    );
                    if (!AuditChainLinks.IsAltered(AuditEvent.AsStated(content, stated.Seq, stated.Prev, stated.Hash)))
                    {
                        intact = true;
                        break;
                    }
                }
                catch (DomainException)
                {
                    why = "its content is not that of an event the trail records.";
                }
            }
        }

        return new Row(line, id, chain, seq, stated.Prev, stated.Hash, !intact, intact ? null : why);
    }

    private static bool TryEnum<T>(string text, out T value)
        where T : struct, Enum => Enum.TryParse(text, ignoreCase: false, out value) && value.ToString() == text;

    /// <summary>What a cell may have held, likeliest first.</summary>
    private static string?[] Readings(string cell, bool nullable)
    {
        if (cell.Length == 0)
        {
            return nullable ? [null, string.Empty] : [string.Empty];
        }

        return cell.Length > 1 && cell[0] == '\'' && InjectionCharacters.Contains(cell[1]) ? [cell[1..], cell] : [cell];
    }

    /// <summary>Every combination of readings, the likeliest first; only the first when too many cells are ambiguous.</summary>
    private static IEnumerable<string?[]> Choices(string?[][] readings)
    {
        if (readings.Count(r => r.Length > 1) > MaxAmbiguousCells)
        {
            yield return [.. readings.Select(r => r[0])];
            yield break;
        }

        var index = new int[readings.Length];
        while (true)
        {
            yield return [.. readings.Select((r, i) => r[index[i]])];
            var position = 0;
            while (position < readings.Length && ++index[position] == readings[position].Length)
            {
                index[position++] = 0;
            }

            if (position == readings.Length)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// The checkpoints as received: a JSON array of checkpoint objects (as the API lists them) or of whole
    /// <c>audit.checkpoint</c> event bodies (<c>{ "type", "timestamp", "data" }</c>), in any mix.
    /// </summary>
    private static List<Received> ReadCheckpoints(JsonDocument json, List<AuditExportFinding> findings)
    {
        var received = new List<Received>();
        if (json.RootElement.ValueKind != JsonValueKind.Array)
        {
            findings.Add(new(AuditExportProblem.Unreadable, null, null, null, "The checkpoints file is not a JSON array."));
            return received;
        }

        var number = 0;
        foreach (var item in json.RootElement.EnumerateArray())
        {
            number++;
            var data = item;
            if (
                item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty("data", out var inner)
                && inner.ValueKind == JsonValueKind.Object
            )
            {
                if (item.TryGetProperty("type", out var type) && type.GetString() != EventTypes.AuditCheckpoint)
                {
                    continue;
                }

                data = inner;
            }

            try
            {
                var chain = Text(data, "chainKey");
                var tenant = data.TryGetProperty("tenant", out var t) || data.TryGetProperty("tenantId", out t) ? t.GetString() : null;
                received.Add(
                    new Received(
                        number,
                        chain,
                        string.IsNullOrEmpty(tenant) ? null : Guid.Parse(tenant, CultureInfo.InvariantCulture),
                        data.GetProperty("seq").GetInt64(),
                        Text(data, "hash"),
                        AuditCheckpoint.Moment(
                            DateTimeOffset.Parse(Text(data, "createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                        ),
                        Text(data, "keyId"),
                        data.TryGetProperty("signature", out var s) ? s.GetString() : null
                    )
                );
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                findings.Add(
                    new(
                        AuditExportProblem.Unreadable,
                        null,
                        null,
                        null,
                        $"Checkpoint {number} lacks chainKey, seq, hash, createdAt or keyId, or one does not read."
                    )
                );
            }
        }

        return received;
    }

    private static string Text(JsonElement data, string name) =>
        data.GetProperty(name).GetString() ?? throw new FormatException($"{name} is null.");

    private sealed record Row(int Line, Guid? Id, string Chain, long Seq, string PrevHash, string Hash, bool Altered, string? AlteredWhy);

    private sealed record Received(
        int Number,
        string ChainKey,
        Guid? TenantId,
        long Seq,
        string Hash,
        DateTimeOffset CreatedAt,
        string KeyId,
        string? Signature
    );
}
