using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Natero.Connectors.HubSpotEmulator;

/// <summary>
/// Every request the emulator served, oldest first, with secrets redacted. Thread-safe; enumerating takes a snapshot,
/// so LINQ works as usual: <c>log.Count(r =&gt; r.GrantType == "refresh_token")</c>. An entry is added before its
/// response is sent, so a caller that has its response can find it.
/// </summary>
[SuppressMessage(
    "Naming",
    "CA1710:Identifiers should have correct suffix",
    Justification = "Tests and docs speak of the emulator's request log."
)]
public sealed class RequestLog : IReadOnlyCollection<LoggedRequest>
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Form and query fields whose values are never kept.</summary>
    public static readonly IReadOnlySet<string> SecretFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "client_secret",
        "code",
        "code_verifier",
        "refresh_token",
        "access_token",
        "token",
        "password",
    };

    private readonly Lock _gate = new();
    private readonly List<LoggedRequest> _entries = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    public IEnumerator<LoggedRequest> GetEnumerator()
    {
        lock (_gate)
        {
            return _entries.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(LoggedRequest entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
