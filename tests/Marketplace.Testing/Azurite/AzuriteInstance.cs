using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Marketplace.Testing.Azurite;

/// <summary>
/// A private Azurite (blob, queue, table) on free loopback ports with its data in <see cref="DataDirectory"/>.
/// It runs under a small shell guard that kills it when our stdin closes, so even a crashed test host
/// leaves no node process behind. Can be stopped and started again on the same ports and data, to test
/// outages and restarts.
/// </summary>
/// <remarks>
/// Free ports are only free until someone takes them: test assemblies run side by side, each starting
/// servers on ports the system handed out moments earlier. So readiness is read from Azurite's own
/// "successfully listening" lines (a connection could reach another process on that port), and a first
/// start that loses a port race tries again on new ports.
/// </remarks>
public sealed class AzuriteInstance : IAsyncDisposable
{
    // The emulator's well-known development account (public, documented by Microsoft).
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int StartAttempts = 5;
    private const string ListeningLine = "Azurite Table service is successfully listening"; // Azurite starts Table last.
    private const string FailureLine = "Exit due to unhandled error";

    private readonly StringBuilder _output = new();
    private Process? _process;
    private bool _portsPublished;

    public AzuriteInstance(string dataDirectory)
        : this(dataDirectory, ThreeFreePorts())
    {
    }

    /// <summary>An instance that first tries the given ports (for tests of the port race itself).</summary>
    public AzuriteInstance(string dataDirectory, (int Blob, int Queue, int Table) ports)
    {
        DataDirectory = dataDirectory;
        (BlobPort, QueuePort, TablePort) = ports;
    }

    public string DataDirectory { get; }
    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }
    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static string ExecutablePath => Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "azurite");

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({ExecutablePath} is missing). Run `npm ci` in {RepositoryPaths.Root} (./test.sh does it for you).");
        }

        Directory.CreateDirectory(DataDirectory);
        for (var attempt = 1; ; attempt++)
        {
            var failure = await TryStartAsync();
            if (failure is null)
            {
                _portsPublished = true;
                return;
            }

            if (attempt == StartAttempts || !LostAPortRace(failure))
            {
                throw new InvalidOperationException($"Azurite did not start on 127.0.0.1 ports {BlobPort}, {QueuePort}, {TablePort} ({attempt} attempt(s)). {failure}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            if (!_portsPublished)
            {
                // Nobody holds our connection string yet, so new ports cost nothing. A restart keeps its ports and waits for them instead.
                (BlobPort, QueuePort, TablePort) = ThreeFreePorts();
            }
        }
    }

    private static bool LostAPortRace(string failure) => failure.Contains("EADDRINUSE", StringComparison.Ordinal);

    /// <summary>Starts Azurite once; null when it listens on all three ports, otherwise why not.</summary>
    private async Task<string?> TryStartAsync()
    {
        lock (_output)
        {
            _output.Clear();
        }

        _process = Process.Start(CreateStartInfo()) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var failure = await WaitUntilListeningAsync();
        if (failure is not null)
        {
            await StopAsync();
        }

        return failure;
    }

    /// <summary>Stops Azurite, keeping its ports and data for a later <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        var process = _process;
        _process = null;
        try
        {
            if (!process.HasExited)
            {
                // Closing stdin is the guard's signal to stop Azurite gracefully.
                process.StandardInput.Close();
                using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await process.WaitForExitAsync(graceful.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private ProcessStartInfo CreateStartInfo()
    {
        var arguments = string.Join(' ',
            $"--location '{DataDirectory}'",
            $"--blobHost 127.0.0.1 --blobPort {BlobPort}",
            $"--queueHost 127.0.0.1 --queuePort {QueuePort}",
            $"--tableHost 127.0.0.1 --tablePort {TablePort}",
            "--skipApiVersionCheck --loose --silent --disableTelemetry");
        // The guard: Azurite in the background while `cat` waits for our stdin to close (a normal stop or the
        // test host dying), then Azurite gets SIGTERM and the guard waits for it to finish writing.
        var guard = $"'{ExecutablePath}' {arguments} & child=$!; cat >/dev/null; kill $child 2>/dev/null; wait $child";
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(guard);
        return startInfo;
    }

    private async Task<string?> WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            var output = Output;
            if (output.Contains(ListeningLine, StringComparison.Ordinal))
            {
                return null;
            }

            // The guard shell outlives a failed Azurite (it waits on stdin), so its failure line is the signal.
            if (output.Contains(FailureLine, StringComparison.Ordinal) || _process is null || _process.HasExited)
            {
                return $"Its output:\n{output}";
            }

            if (DateTime.UtcNow > deadline)
            {
                return $"It was not listening within {StartTimeout.TotalSeconds:0} s. Its output:\n{output}";
            }

            await Task.Delay(50);
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Three distinct free ports: all listeners are open at once, so the system cannot hand out one twice.</summary>
    private static (int, int, int) ThreeFreePorts()
    {
        using var blob = new TcpListener(IPAddress.Loopback, 0);
        using var queue = new TcpListener(IPAddress.Loopback, 0);
        using var table = new TcpListener(IPAddress.Loopback, 0);
        blob.Start();
        queue.Start();
        table.Start();
        return (Port(blob), Port(queue), Port(table));
    }

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;
}
