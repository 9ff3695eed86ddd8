using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Alleanza.Bench;

public sealed class BenchException(string message) : Exception(message);

/// <summary>
/// A child process of the driver (the app, the baseline, dotnet publish, wrk). Every one is tracked so the
/// driver can stop them all when it ends, is cancelled (Ctrl-C, SIGTERM) or fails.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    static readonly List<ChildProcess> Running = [];
    static readonly Lock RunningLock = new();

    readonly Process process;
    public string Name { get; }
    public string? LogPath { get; }
    public int Id => process.Id;

    ChildProcess(string name, Process process, string? logPath)
    {
        Name = name;
        this.process = process;
        LogPath = logPath;
        lock (RunningLock) Running.Add(this);
    }

    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    /// <summary>
    /// Starts a long-running process with its stdout and stderr going to <paramref name="logPath"/>
    /// (through <c>sh -c 'exec ...'</c>, so the pid is the program's own and no pipe can fill up).
    /// </summary>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment, string logPath)
    {
        var psi = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("log=\"$1\"; shift; exec \"$@\" >\"$log\" 2>&1 </dev/null");
        psi.ArgumentList.Add("sh");
        psi.ArgumentList.Add(logPath);
        psi.ArgumentList.Add(fileName);
        foreach (var a in args) psi.ArgumentList.Add(a);
        ApplyEnvironment(psi, environment);
        var p = Process.Start(psi) ?? throw new BenchException($"Could not start {name}");
        return new ChildProcess(name, p, logPath);
    }

    /// <summary>Runs a command to the end with its output in a log file; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<int> RunToEndAsync(string fileName, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment, string logPath, TimeSpan timeout, CancellationToken ct)
    {
        await using var child = Start(Path.GetFileName(fileName), fileName, args, workingDirectory, environment, logPath);
        await child.WaitAsync(timeout, ct);
        return child.ExitCode;
    }

    /// <summary>Runs a command to the end and returns what it printed; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> CaptureAsync(string fileName, IEnumerable<string> args,
        TimeSpan timeout, CancellationToken ct, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi) ?? throw new BenchException($"Could not start {fileName}");
        await using var child = new ChildProcess(Path.GetFileName(fileName), p, null);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = p.StandardError.ReadToEndAsync(CancellationToken.None);
        await child.WaitAsync(timeout, ct);
        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits for the process to exit; on timeout or cancellation kills it and throws.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            ct.ThrowIfCancellationRequested();
            throw new BenchException($"{Name} did not finish within {timeout.TotalSeconds:0} s and was killed");
        }
    }

    /// <summary>SIGTERM (a graceful stop for ASP.NET Core), then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            if (!process.HasExited)
            {
                _ = SysKill(process.Id, SIGTERM);
                using var cts = new CancellationTokenSource(grace);
                try { await process.WaitForExitAsync(cts.Token); }
                catch (OperationCanceledException) { Kill(); }
            }
        }
        catch (InvalidOperationException) { }
        Forget();
    }

    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    void Forget()
    {
        lock (RunningLock) Running.Remove(this);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        process.Dispose();
    }

    /// <summary>The last lines of the log, to show why a process failed.</summary>
    public string LogTail(int lines = 30)
    {
        if (LogPath is null || !File.Exists(LogPath)) return "";
        try
        {
            using var fs = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(fs, Encoding.UTF8);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException) { return ""; }
    }

    /// <summary>Stops every child still running (used on the way out, whatever the reason).</summary>
    public static async Task StopAllAsync()
    {
        ChildProcess[] left;
        lock (RunningLock) left = [.. Running];
        await Task.WhenAll(left.Select(c => c.StopAsync(TimeSpan.FromSeconds(10))));
    }

    /// <summary>Last resort on process exit: kill whatever is still running, without waiting.</summary>
    public static void KillAll()
    {
        ChildProcess[] left;
        lock (RunningLock) left = [.. Running];
        foreach (var c in left) c.Kill();
    }

    static void ApplyEnvironment(ProcessStartInfo psi, IReadOnlyDictionary<string, string>? environment)
    {
        if (environment is null) return;
        foreach (var (key, value) in environment) psi.Environment[key] = value;
    }

    const int SIGTERM = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int SysKill(int pid, int sig);
}
