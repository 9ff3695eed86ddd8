using System.Diagnostics;
using System.Security.Cryptography;
using Alleanza.MultiInstance;

// Started by scripts/multi-instance with two app instances behind nginx on one PostgreSQL: runs the checks through nginx
// and prints one line per check with its figures, then "Checks: N passed, M failed" for scripts/test.
var setup = Setup.FromEnvironment();
var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
var checks = new Checks(setup, run);
var results = new List<(string Name, bool Ok, string Detail, double Seconds)>();

async Task CheckAsync(string name, Func<Task<string>> body)
{
    Console.WriteLine($">> {name}");
    var clock = Stopwatch.StartNew();
    try
    {
        var detail = await body();
        results.Add((name, true, detail, clock.Elapsed.TotalSeconds));
        Console.WriteLine($"   OK ({clock.Elapsed.TotalSeconds:0.0} s): {detail}");
    }
    catch (Exception e)
    {
        var detail = e is CheckFailed ? e.Message : e.ToString();
        results.Add((name, false, detail, clock.Elapsed.TotalSeconds));
        Console.WriteLine($"   FALLITO ({clock.Elapsed.TotalSeconds:0.0} s): {detail}");
    }
}

await CheckAsync("1. accesso e moduli tra le istanze (cookie, antiforgery)", checks.SignInAndFormsAcrossInstancesAsync);
await CheckAsync("2. acquisti registrati una volta sola, alternando le istanze", checks.PurchasesRecordedOnceAsync);
await CheckAsync("3. pubblicata su A, trovata dalla ricerca su B", checks.PublishedOnOneFoundOnOtherAsync);
await CheckAsync("4. riavvio di PostgreSQL sotto carico (iscrizioni e acquisti)", checks.PostgresRestartUnderLoadAsync);
await CheckAsync("4b. la ricerca resta allineata dopo il riavvio", checks.SearchStillInStepAfterRestartAsync);
await CheckAsync("5. kill -9 di un'istanza sotto carico (nginx passa all'altra)", checks.InstanceKilledUnderLoadAsync);

Console.WriteLine();
Console.WriteLine("== Più istanze: risultati");
foreach (var (name, ok, detail, seconds) in results)
    Console.WriteLine($"{(ok ? "OK     " : "FALLITO")} {name} ({seconds:0.0} s)\n        {detail}");
var failed = results.Count(r => !r.Ok);
Console.WriteLine();
Console.WriteLine($"Checks: {results.Count - failed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
