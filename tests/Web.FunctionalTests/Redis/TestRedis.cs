using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Natero.Connectors.Web.FunctionalTests.Redis;

/// <summary>
/// The Redis the tests share: <c>NATERO_TEST_REDIS</c> as it is (test.sh starts one), else a redis-server of this
/// test run's own when the binary is installed. Without either a test skips, saying so; under <c>CI=true</c> it fails.
/// </summary>
internal static class TestRedis
{
    private static readonly Lazy<string?> Own = new(StartOwn);
    private static readonly string[] Binaries = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    public static string Require(string what)
    {
        var configured = Environment.GetEnvironmentVariable("NATERO_TEST_REDIS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (Own.Value is { } own)
        {
            return own;
        }

        var reason = $"{what} needs Redis: set NATERO_TEST_REDIS (./test.sh starts one) or apt-get install redis-server.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        return string.Empty;
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? StartOwn()
    {
        var binary = Binaries.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            return null;
        }

        var port = FreePort();
        var folder = Directory.CreateTempSubdirectory("natero-test-redis-").FullName;
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.Kill();
            server.WaitForExit(5000);
            Directory.Delete(folder, recursive: true);
        };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return $"127.0.0.1:{port}";
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        return null;
    }
}
