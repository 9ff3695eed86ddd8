using System.Collections.Concurrent;
using System.Diagnostics;

namespace Alleanza.MultiInstance;

/// <summary>One request of a load: when it started and ended (seconds on the load's clock), whether it succeeded.</summary>
public sealed record Sample(string Kind, double Start, double End, bool Ok, string Result);

/// <summary>
/// A bounded load: a few workers, each running a job again and again with a pause, until the job's count is used up or
/// the load is stopped. Requests in flight when it stops finish (the clients' timeouts bound them).
/// </summary>
public sealed class Load
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly ConcurrentQueue<Sample> samples = new();
    public IReadOnlyCollection<Sample> Samples => samples;
    public double Now => clock.Elapsed.TotalSeconds;

    public Task RunAsync(string kind, int workers, int max, TimeSpan pause, Func<int, Task<(bool Ok, string Result)>> job, CancellationToken stop)
    {
        var counter = -1;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref counter);
                if (i >= max) return;
                var started = Now;
                bool ok; string result;
                try { (ok, result) = await job(i); }
                catch (TaskCanceledException) { ok = false; result = "timeout"; }
                catch (HttpRequestException e) { ok = false; result = "errore di rete: " + (e.HttpRequestError.ToString()); }
                samples.Enqueue(new Sample(kind, started, Now, ok, result));
                try { await Task.Delay(pause, stop); }
                catch (OperationCanceledException) { return; }
            }
        }));
    }

    /// <summary>Counts by kind and result, e.g. "acquisto HTTP 500 ×3, ricerca timeout ×1".</summary>
    public static string Tally(IEnumerable<Sample> samples) =>
        string.Join(", ", samples.GroupBy(s => (s.Kind, s.Result)).OrderByDescending(g => g.Count()).Select(g => $"{g.Key.Kind} {g.Key.Result} ×{g.Count()}"));
}
