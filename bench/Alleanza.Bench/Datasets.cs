namespace Alleanza.Bench;

public enum Provider { Sqlite, Postgres }

/// <summary>What a dataset gets to prepare the database before the app starts.</summary>
/// <param name="Provider">The database provider of this app instance.</param>
/// <param name="ConnectionString">The app's connection string (<c>ConnectionStrings__Alleanza</c>). The database is
/// new and empty for the demo flow: a new SQLite file, or a PostgreSQL database that does not exist yet on the
/// throwaway server that <c>bench/run</c> starts.</param>
/// <param name="AppDirectory">The published app (Alleanza.Web.dll), for <see cref="MigrateAsync"/>.</param>
/// <param name="WorkDirectory">A scratch folder for this run, removed at the end unless <c>--keep</c>.</param>
/// <param name="AppEnvironment">The environment the app will start with (without the dataset's own additions).</param>
/// <param name="CacheDirectory">bench/.cache (gitignored): a dataset may keep generated files there between runs.</param>
/// <param name="UseCache">False with <c>--no-cache</c>: generate again even when a cached copy fits.</param>
public sealed record DatasetContext(
    Provider Provider,
    string ConnectionString,
    string AppDirectory,
    string WorkDirectory,
    IReadOnlyDictionary<string, string> AppEnvironment,
    TextWriter Log,
    string CacheDirectory,
    bool UseCache)
{
    /// <summary>Lines the dataset wants under the report's table (how long generation took, for example).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Creates the schema with the app's own migrations (<c>dotnet Alleanza.Web.dll migrate</c>).</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        var log = Path.Combine(WorkDirectory, $"migrate-{Provider.ToString().ToLowerInvariant()}.log");
        var code = await ChildProcess.RunToEndAsync("dotnet", [Path.Combine(AppDirectory, "Alleanza.Web.dll"), "migrate"],
            AppDirectory, AppEnvironment, log, TimeSpan.FromMinutes(5), ct);
        if (code != 0)
            throw new BenchException($"'Alleanza.Web.dll migrate' exited with {code}; see {log}");
    }
}

/// <summary>
/// A dataset: fills the database before the app starts, and may add settings to the app's environment.
/// One class per dataset; register it in <see cref="Datasets.All"/>.
/// </summary>
public interface IDataset
{
    string Name { get; }
    string Description { get; }

    /// <summary>Runs once per provider, before the app starts, against an empty database.</summary>
    Task PrepareAsync(DatasetContext context, CancellationToken ct);

    /// <summary>Environment variables this dataset adds to the app (for example <c>Demo__Load=true</c>).</summary>
    void ConfigureApp(IDictionary<string, string> environment);
}

/// <summary>The app's own demo data (5 networks, about 90 partners, 12 accounts), loaded by the app on first start;
/// with <paramref name="supportScale"/> above 1, Pavia's support paths multiplied (<c>Demo:SupportScale</c>).</summary>
public sealed class DemoDataset(string name = "demo", int supportScale = 1) : IDataset
{
    public string Name => name;
    public string Description => supportScale == 1
        ? "The app's demo loader: 5 networks, ~90 partners, 12 accounts (loaded by the app on first start)."
        : $"The demo with Pavia's support programme ×{supportScale}: {800 * supportScale:N0} paths, a session every 10 days, a month of the access log at {500 * supportScale:N0} reads a day.";

    // Nothing to do beforehand: the app applies the migrations and loads the demo data itself when it starts.
    public Task PrepareAsync(DatasetContext context, CancellationToken ct) => Task.CompletedTask;

    public void ConfigureApp(IDictionary<string, string> environment)
    {
        environment["Demo__Load"] = "true";
        if (supportScale > 1) environment["Demo__SupportScale"] = supportScale.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

public static class Datasets
{
    /// <summary>Every dataset <c>--dataset</c> accepts.</summary>
    public static readonly IDataset[] All =
    [
        new DemoDataset(),
        new DemoDataset("pavia10", supportScale: 10),
        new RegionalDataset(),
        new CardsDataset(),
        new FamiliesDataset(),
    ];

    public static IDataset? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Generated SQLite files kept in bench/.cache (one per dataset, the newest), so later runs copy instead of generating.</summary>
public static class SqliteCache
{
    static string PathOf(DatasetContext context, string dataset, string key) => System.IO.Path.Combine(context.CacheDirectory, $"{dataset}-sqlite-{key}.db");

    /// <summary>Copies the cached file over <paramref name="file"/> when there is one (and the run may use it).</summary>
    public static bool TryRestore(DatasetContext context, string dataset, string key, string file)
    {
        Directory.CreateDirectory(context.CacheDirectory);
        var cached = PathOf(context, dataset, key);
        if (!context.UseCache || !File.Exists(cached)) return false;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        File.Copy(cached, file);
        // Written to disk before the app starts: otherwise the kernel writes the copy back (gigabytes for `cards`) while
        // the scenarios run, and every commit of the app and of the baselines waits behind that.
        using (var copy = new FileStream(file, FileMode.Open, FileAccess.ReadWrite)) copy.Flush(flushToDisk: true);
        var earlier = File.Exists(cached + ".txt") ? File.ReadAllText(cached + ".txt").Trim() : "earlier";
        context.Log.WriteLine($">> [sqlite] {dataset}: copied the cached database ({new FileInfo(file).Length / 1048576.0:0} MiB) and flushed it to disk in {watch.Elapsed.TotalSeconds:0.0} s");
        context.Notes.Add($"sqlite: database copied from bench/.cache ({earlier})");
        return true;
    }

    /// <summary>Keeps <paramref name="file"/> as the dataset's only cached copy, with a line saying how it was made.</summary>
    public static void Keep(DatasetContext context, string dataset, string key, string file, string info)
    {
        foreach (var old in Directory.GetFiles(context.CacheDirectory, $"{dataset}-sqlite-*")) File.Delete(old);
        var cached = PathOf(context, dataset, key);
        var temp = cached + ".tmp";
        File.Copy(file, temp, overwrite: true);
        File.Move(temp, cached, overwrite: true);
        File.WriteAllText(cached + ".txt", info);
    }
}
