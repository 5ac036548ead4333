using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Natero.Connectors.Web.FunctionalTests.Redis;

/// <summary>
/// A TCP relay in front of the test Redis that a test can cut and restore: an outage of Redis for the instances
/// that connect through it, and for them only, while the server itself (shared by other tests) stays up.
/// </summary>
internal sealed class RedisProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentBag<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _running = new();

    private RedisProxy(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A configuration string for the instances: through the relay, giving up quickly like production's.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000,syncTimeout=1000";

    public static RedisProxy Start(string redisConfiguration)
    {
        var endpoint = redisConfiguration.Split(',')[0].Trim();
        var colon = endpoint.LastIndexOf(':');
        var host = colon > 0 ? endpoint[..colon] : endpoint;
        var port = colon > 0 ? int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture) : 6379;
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : Dns.GetHostAddresses(host).First();
        var proxy = new RedisProxy(new IPEndPoint(address, port), TestRedis.FreePort());
        proxy.Restore();
        return proxy;
    }

    /// <summary>Closes every relayed connection and refuses new ones.</summary>
    public void Cut()
    {
        _running.Cancel();
        _listener?.Stop();
        _listener = null;
        while (_open.TryTake(out var client))
        {
            client.Dispose();
        }
    }

    /// <summary>Accepts connections again, on the same port.</summary>
    public void Restore()
    {
        _running = new CancellationTokenSource();
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener, _running.Token);
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _running.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var outgoing = new TcpClient();
            _open.Add(incoming);
            _open.Add(outgoing);
            try
            {
                await outgoing.ConnectAsync(_target, cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                incoming.Dispose();
                outgoing.Dispose();
                continue;
            }

            _ = PumpAsync(incoming, outgoing, cancellationToken);
            _ = PumpAsync(outgoing, incoming, cancellationToken);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Cut, or one side closed: the other side goes too.
        }

        from.Dispose();
        to.Dispose();
    }
}
