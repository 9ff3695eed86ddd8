using System.Runtime.InteropServices;
using Alleanza.Bench;

// Alleanza.Bench run [options]              the driver (bench/run calls this)
// Alleanza.Bench baseline --port N --pages   the bare-Kestrel baseline (the driver starts it)
// Alleanza.Bench raw --port N --provider --connection   the raw ADO.NET baseline (the driver starts it)
// Alleanza.Bench list                        scenarios and datasets
var mode = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;

try
{
    switch (mode)
    {
        case "baseline":
            return await Baseline.RunAsync(rest);
        case "raw":
            return await RawBaseline.RunAsync(rest);
        case "list":
            Console.WriteLine("Scenarios:");
            foreach (var s in Scenarios.All) Console.WriteLine($"  {s.Name,-16} {s.Description}");
            Console.WriteLine("Datasets:");
            foreach (var d in Datasets.All) Console.WriteLine($"  {d.Name,-16} {d.Description}");
            return 0;
        case "run":
            break;
        case "help" or "--help" or "-h":
            Console.WriteLine(Options.Usage);
            return 0;
        default:
            Console.Error.WriteLine(Options.Usage);
            return 2;
    }

    if (rest.Contains("--help") || rest.Contains("-h"))
    {
        Console.WriteLine(Options.Usage);
        return 0;
    }
    var options = Options.Parse(rest);

    // Ctrl-C, SIGTERM (bench/run's trap) and SIGHUP cancel the run; the driver then stops every child process.
    using var cts = new CancellationTokenSource();
    void Cancel(PosixSignalContext context)
    {
        context.Cancel = true;
        if (cts.IsCancellationRequested) ChildProcess.KillAll(); // a second signal: no more waiting
        else
        {
            Console.Error.WriteLine($"!! {context.Signal}: stopping");
            cts.Cancel();
        }
    }
    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
    using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Cancel);
    AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();

    try
    {
        return await new Driver(options, cts.Token).RunAsync();
    }
    catch (OperationCanceledException) when (cts.IsCancellationRequested)
    {
        Console.Error.WriteLine("!! cancelled");
        return 130;
    }
}
catch (BenchException e)
{
    Console.Error.WriteLine($"!! {e.Message}");
    return 1;
}
finally
{
    ChildProcess.KillAll();
}
