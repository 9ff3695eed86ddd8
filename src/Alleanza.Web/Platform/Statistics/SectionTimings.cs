using System.Diagnostics;
using System.Globalization;

namespace Alleanza.Web.Platform.Statistics;

/// <summary>
/// How long each part of a page's figures took, sent as its Server-Timing header so that a slow page says where its
/// time went. Parts may run at the same time, so adding is thread-safe.
/// </summary>
public sealed class SectionTimings
{
    readonly List<(string Section, double Milliseconds)> parts = [];

    public void Add(string section, double milliseconds)
    {
        lock (parts) parts.Add((section, milliseconds));
    }

    /// <summary>Runs <paramref name="work"/> and adds its time as <paramref name="section"/>.</summary>
    public async Task<T> TimeAsync<T>(string section, Func<Task<T>> work)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await work();
        Add(section, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    /// <summary>The parts timed so far, in the order they ended.</summary>
    public IReadOnlyList<(string Section, double Milliseconds)> Parts
    {
        get { lock (parts) return [.. parts]; }
    }

    /// <summary>A Server-Timing header value: "cards;dur=12.3, purchases;dur=45.6".</summary>
    public static string Header(IEnumerable<(string Section, double Milliseconds)> parts) =>
        string.Join(", ", parts.Select(t => $"{t.Section};dur={t.Milliseconds.ToString("0.0", CultureInfo.InvariantCulture)}"));

    public override string ToString() => Header(Parts);
}
