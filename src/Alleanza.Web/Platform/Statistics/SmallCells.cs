namespace Alleanza.Web.Platform.Statistics;

/// <summary>
/// The one small-cell rule for every figure the platform publishes about people (survey results, the evaluation and
/// its restitution report): a count of fewer than the network's threshold of families (default 5) is not shown, and
/// neither is any figure derived from so few (a mean, a share). Because published totals would let a reader recompute
/// a hidden cell by subtraction, <see cref="Suppress"/> also hides complementary cells: in every row and every column,
/// the hidden members of "cells + total" are never exactly one.
/// </summary>
public static class SmallCells
{
    public const int DefaultThreshold = 5;

    /// <summary>Whether a figure made from <paramref name="families"/> families may be published (0 may: nobody is described).</summary>
    public static bool MayPublish(long families, int threshold) => families == 0 || families >= threshold;

    /// <summary>
    /// The table as it may be published: <c>null</c> for every hidden cell or total. Primary suppression hides each
    /// count between 1 and threshold − 1; complementary suppression then hides, in each row or column left with one
    /// hidden member, its smallest other positive cell (the total only when no cell is left), until nothing changes.
    /// </summary>
    public static PublishedTable Suppress(long[,] counts, int threshold)
    {
        var rows = counts.GetLength(0);
        var columns = counts.GetLength(1);
        var rowTotals = new long[rows];
        var columnTotals = new long[columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                rowTotals[r] += counts[r, c];
                columnTotals[c] += counts[r, c];
            }
        var total = rowTotals.Sum();

        bool Small(long n) => !MayPublish(n, threshold);
        var hidden = new bool[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                hidden[r, c] = Small(counts[r, c]);
        var rowTotalHidden = rowTotals.Select(Small).ToArray();
        var columnTotalHidden = columnTotals.Select(Small).ToArray();
        var totalHidden = Small(total);

        // Each row and each column is one equation: its cells sum to its total. Two unknowns cannot be solved for.
        bool changed;
        do
        {
            changed = false;
            for (var r = 0; r < rows; r++)
                changed |= Protect(Enumerable.Range(0, columns).Select(c => (r, c)).ToList(), ref rowTotalHidden[r]);
            for (var c = 0; c < columns; c++)
                changed |= Protect(Enumerable.Range(0, rows).Select(r => (r, c)).ToList(), ref columnTotalHidden[c]);
            // The grand total is the sum of the row totals and of the column totals.
            changed |= ProtectTotals(rowTotals, rowTotalHidden, ref totalHidden);
            changed |= ProtectTotals(columnTotals, columnTotalHidden, ref totalHidden);
        } while (changed);

        var cells = new long?[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                cells[r, c] = hidden[r, c] ? null : counts[r, c];
        return new PublishedTable(cells,
            rowTotals.Select((t, r) => rowTotalHidden[r] ? (long?)null : t).ToArray(),
            columnTotals.Select((t, c) => columnTotalHidden[c] ? (long?)null : t).ToArray(),
            totalHidden ? null : total);

        bool Protect(List<(int R, int C)> line, ref bool totalOfLineHidden)
        {
            var unknowns = line.Count(p => hidden[p.R, p.C]) + (totalOfLineHidden ? 1 : 0);
            if (unknowns != 1) return false;
            var candidates = line.Where(p => !hidden[p.R, p.C] && counts[p.R, p.C] > 0).OrderBy(p => counts[p.R, p.C]).ToList();
            if (candidates.Count > 0)
            {
                var (r, c) = candidates[0];
                hidden[r, c] = true;
                return true;
            }
            if (!totalOfLineHidden)
            {
                totalOfLineHidden = true;
                return true;
            }
            // The one hidden member is the total and every cell is visible: the total is their sum, so it must show.
            // (Cannot happen: a total hidden as small has small or hidden cells.) Hide nothing more.
            return false;
        }

        static bool ProtectTotals(long[] totals, bool[] totalsHidden, ref bool grandHidden)
        {
            var unknowns = totalsHidden.Count(h => h) + (grandHidden ? 1 : 0);
            if (unknowns != 1) return false;
            var candidates = Enumerable.Range(0, totals.Length).Where(i => !totalsHidden[i] && totals[i] > 0).OrderBy(i => totals[i]).ToList();
            if (candidates.Count > 0)
            {
                totalsHidden[candidates[0]] = true;
                return true;
            }
            if (!grandHidden)
            {
                grandHidden = true;
                return true;
            }
            return false;
        }
    }

    /// <summary>A list of counts with its total (one row): the same rule.</summary>
    public static PublishedTable Suppress(IReadOnlyList<long> counts, int threshold)
    {
        var table = new long[1, counts.Count];
        for (var i = 0; i < counts.Count; i++) table[0, i] = counts[i];
        return Suppress(table, threshold);
    }
}

/// <summary>A table of counts as it may be published; <c>null</c> is a hidden figure (shown as «—» with the reason).</summary>
public sealed record PublishedTable(long?[,] Cells, long?[] RowTotals, long?[] ColumnTotals, long? Total)
{
    public long? this[int row, int column] => Cells[row, column];

    /// <summary>The hidden figures, cells and totals.</summary>
    public int HiddenCount =>
        Cells.Cast<long?>().Count(c => c is null) + RowTotals.Count(t => t is null) + ColumnTotals.Count(t => t is null) + (Total is null ? 1 : 0);
}
