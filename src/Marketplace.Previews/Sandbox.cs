using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Marketplace.Previews;

/// <summary>How a sandboxed program ended.</summary>
public enum SandboxEnd
{
    /// <summary>Exit code 0: <see cref="SandboxRun.Output"/> is what it wrote.</summary>
    Finished,
    /// <summary>It gave up (a non-zero exit): the input is damaged or not what it claims.</summary>
    Failed,
    /// <summary>Killed at the wall clock, the CPU or memory limit, or for writing more than allowed.</summary>
    OverLimits,
}

public sealed record SandboxRun(SandboxEnd End, byte[] Output);

/// <summary>The part of the input file fed to the program (the PostScript inside a DOS binary EPS).</summary>
public sealed record InputSection(long Offset, long Length);

/// <summary>
/// Runs one program on an untrusted file in a child process that cannot hurt the silo: its own session (so the whole
/// process group is killed at the wall clock), prlimit's address-space, CPU-second, file-size (0: it writes no files)
/// and open-file limits, no network when <c>unshare -rn</c> works here, an empty environment, a fresh empty working
/// folder deleted afterwards, the file on stdin (it never learns a path, so an SVG has no base to resolve references
/// against) and its stdout read up to a byte cap.
/// </summary>
public sealed class Sandbox(string setsid, string prlimit, string? unshare, PrintDrawingLimits limits)
{
    private const int SigKill = 9;
    private const int SigAbort = 6;
    private const int SigCpu = 24;

    /// <summary>Whether the child runs without network (unshare -rn worked on this machine).</summary>
    public bool WithoutNetwork => unshare is not null;

    /// <summary>
    /// Runs <paramref name="program"/> on the file at <paramref name="inputPath"/> (only <paramref name="section"/> of it
    /// when given), killed after <paramref name="timeout"/>. The file goes in on stdin, or, with <paramref name="inputName"/>,
    /// is linked into the fresh working folder under that name (stdin then stays empty) for a program that must seek in
    /// its input: ImageMagick copies a piped PSD to a temporary file first, which the sandbox forbids.
    /// </summary>
    public async Task<SandboxRun> RunAsync(string program, IReadOnlyList<string> arguments, string inputPath, TimeSpan timeout, InputSection? section = null, CancellationToken cancellationToken = default, string? inputName = null)
    {
        // A caller's time can run out between its own check and here (a slow slot, a busy thread pool): that is over the
        // limits, not a fault, and no program is started for it.
        if (timeout <= TimeSpan.Zero) return new SandboxRun(SandboxEnd.OverLimits, []);

        var folder = Directory.CreateTempSubdirectory("marketplace-draw-");
        try
        {
            if (inputName is not null)
            {
                File.CreateSymbolicLink(Path.Combine(folder.FullName, inputName), Path.GetFullPath(inputPath));
            }

            using var process = Process.Start(StartInfo(program, arguments, folder.FullName))
                ?? throw new InvalidOperationException($"{program} did not start.");
            return await WatchAsync(process, inputName is null ? inputPath : null, section, timeout, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private ProcessStartInfo StartInfo(string program, IReadOnlyList<string> arguments, string folder)
    {
        var start = new ProcessStartInfo(setsid)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.Environment.Clear();
        string[] limited =
        [
            prlimit, $"--as={limits.MemoryBytes}", $"--cpu={limits.CpuSeconds}", "--fsize=0", "--core=0", "--nofile=64", "--",
            .. unshare is null ? Array.Empty<string>() : [unshare, "-rn", "--"],
            program, .. arguments,
        ];
        foreach (var argument in limited)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private async Task<SandboxRun> WatchAsync(Process process, string? inputPath, InputSection? section, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var clock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        clock.CancelAfter(timeout);
        var output = new MemoryStream();
        var feed = FeedAsync(process, inputPath, section, clock.Token);
        var read = ReadCappedAsync(process.StandardOutput.BaseStream, output, limits.MaxOutputBytes, clock.Token);
        var errors = process.StandardError.BaseStream.CopyToAsync(Stream.Null, clock.Token);
        try
        {
            var withinCap = await read;
            if (!withinCap)
            {
                KillGroup(process);
                return new SandboxRun(SandboxEnd.OverLimits, []);
            }

            await process.WaitForExitAsync(clock.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            KillGroup(process);
            return new SandboxRun(SandboxEnd.OverLimits, []);
        }
        finally
        {
            KillGroup(process);
            await Task.WhenAll(Quietly(feed), Quietly(errors));
        }

        return process.ExitCode switch
        {
            0 => new SandboxRun(SandboxEnd.Finished, output.ToArray()),
            // .NET reports a signal as 128 + its number: the CPU limit (SIGXCPU) or a kill; an abort is how a program
            // that ran out of the address space usually ends (Rust's allocator, glib's g_error).
            128 + SigCpu or 128 + SigKill or 128 + SigAbort => new SandboxRun(SandboxEnd.OverLimits, []),
            _ => new SandboxRun(SandboxEnd.Failed, []),
        };
    }

    /// <summary>The file on stdin (none: stdin is closed at once); a child that stops reading (it failed, or was killed) just ends the copy.</summary>
    private static async Task FeedAsync(Process process, string? inputPath, InputSection? section, CancellationToken cancellationToken)
    {
        try
        {
            if (inputPath is null) return;
            await using var input = File.OpenRead(inputPath);
            input.Position = section?.Offset ?? 0;
            await CopyBytesAsync(input, process.StandardInput.BaseStream, section?.Length ?? input.Length, cancellationToken);
        }
        catch (IOException)
        {
            // Broken pipe: the child closed stdin early. How it ended says what happened.
        }
        finally
        {
            try { process.StandardInput.Close(); } catch (IOException) { }
        }
    }

    private static async Task CopyBytesAsync(Stream from, Stream to, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while (count > 0 && (read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            count -= read;
        }
    }

    /// <summary>Copies at most <paramref name="cap"/> bytes; false once the child writes more.</summary>
    private static async Task<bool> ReadCappedAsync(Stream from, MemoryStream to, long cap, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (to.Length + read > cap) return false;
            to.Write(buffer, 0, read);
        }

        return true;
    }

    private static async Task Quietly(Task task)
    {
        try { await task; }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    /// <summary>setsid made the child its own process group (same pid), so one signal reaches anything it started.</summary>
    private static void KillGroup(Process process)
    {
        try
        {
            if (process.HasExited) return;
            _ = kill(-process.Id, SigKill);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
