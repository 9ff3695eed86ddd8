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

/// <summary>The app's own demo data (5 networks, about 90 partners, 12 accounts), loaded by the app on first start.</summary>
public sealed class DemoDataset : IDataset
{
    public string Name => "demo";
    public string Description => "The app's demo loader: 5 networks, ~90 partners, 12 accounts (loaded by the app on first start).";

    // Nothing to do beforehand: the app applies the migrations and loads the demo data itself when it starts.
    public Task PrepareAsync(DatasetContext context, CancellationToken ct) => Task.CompletedTask;

    public void ConfigureApp(IDictionary<string, string> environment) => environment["Demo__Load"] = "true";
}

public static class Datasets
{
    /// <summary>Every dataset <c>--dataset</c> accepts.</summary>
    public static readonly IDataset[] All =
    [
        new DemoDataset(),
        new RegionalDataset(),
        new CardsDataset(),
    ];

    public static IDataset? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
