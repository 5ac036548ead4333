using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Natero.Connectors.Infrastructure.Webhooks;

namespace Natero.Connectors.Application.FunctionalTests.Webhooks;

/// <summary>
/// DNS as a test scripts it: each name answers its scripted answers in turn and then repeats the last one (a rebinding
/// name answers a public address first and a loopback one later); an unscripted name does not resolve.
/// </summary>
internal sealed class ScriptedDnsResolver : IWebhookDnsResolver
{
    private readonly ConcurrentDictionary<string, Queue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _asked = new();

    /// <summary>Every name asked for, in order.</summary>
    public IReadOnlyList<string> Asked => [.. _asked];

    /// <summary><paramref name="host"/> answers these, one lookup after another.</summary>
    public ScriptedDnsResolver Answer(string host, params string[][] answers)
    {
        _answers[host] = new Queue<IPAddress[]>(answers.Select(addresses => addresses.Select(IPAddress.Parse).ToArray()));
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        _asked.Enqueue(host);
        if (!_answers.TryGetValue(host, out var answers))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        lock (answers)
        {
            return Task.FromResult(answers.Count > 1 ? answers.Dequeue() : answers.Peek());
        }
    }
}
