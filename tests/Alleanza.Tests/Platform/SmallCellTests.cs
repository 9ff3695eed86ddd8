using Alleanza.Web.Platform.Statistics;
using FsCheck;
using FsCheck.Fluent;

namespace Alleanza.Tests.Platform;

/// <summary>The one small-cell rule: no published figure from fewer than the threshold, and no hidden one recomputable from totals.</summary>
public class SmallCellTests
{
    [Fact]
    public void A_small_cell_and_its_smallest_neighbour_are_hidden_and_the_total_stays()
    {
        var published = SmallCells.Suppress([3, 10, 12], 5);
        Assert.Null(published[0, 0]);
        Assert.Null(published[0, 1]); // else 25 − 10 − 12 = 3
        Assert.Equal(12, published[0, 2]);
        Assert.Equal(25, published.Total);
    }

    [Fact]
    public void Zero_is_published_and_a_small_total_is_hidden_with_its_cells()
    {
        var published = SmallCells.Suppress([0, 2, 1], 5);
        Assert.Equal(0, published[0, 0]);
        Assert.Null(published[0, 1]);
        Assert.Null(published[0, 2]);
        Assert.Null(published.Total);
    }

    [Fact]
    public void In_a_table_the_complement_is_found_in_rows_and_columns()
    {
        // Comune × outcome: Gruaro has 2 families closed «trasferita»; its row and that column both need a second hidden cell.
        long[,] counts = { { 40, 12, 9 }, { 7, 2, 6 }, { 30, 11, 8 } };
        var published = SmallCells.Suppress(counts, 5);
        Assert.Null(published[1, 1]);
        AssertSafe(counts, published, 5);
        Assert.Equal(125, published.Total);
    }

    [Fact]
    public void A_figure_from_fewer_families_than_the_threshold_is_not_published()
    {
        Assert.False(SmallCells.MayPublish(4, 5));
        Assert.True(SmallCells.MayPublish(5, 5));
        Assert.True(SmallCells.MayPublish(0, 5));
    }

    [Fact]
    public void Any_table_is_published_without_small_cells_and_without_a_lone_hidden_figure_in_any_row_or_column()
    {
        var tables = Gen.Choose(1, 5).SelectMany(rows => Gen.Choose(1, 5).SelectMany(columns =>
            Gen.OneOf(Gen.Choose(0, 4), Gen.Choose(0, 60)).ArrayOf(rows * columns).Select(values =>
            {
                var t = new long[rows, columns];
                for (var i = 0; i < values.Length; i++) t[i / columns, i % columns] = values[i];
                return t;
            })));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(tables.ToArbitrary(), t =>
        {
            foreach (var threshold in new[] { 3, 5, 10 }) AssertSafe(t, SmallCells.Suppress(t, threshold), threshold);
            return true;
        }));
    }

    static void AssertSafe(long[,] counts, PublishedTable published, int threshold)
    {
        int rows = counts.GetLength(0), columns = counts.GetLength(1);
        var shown = published.Cells.Cast<long?>().Concat(published.RowTotals).Concat(published.ColumnTotals).Append(published.Total);
        Assert.All(shown.OfType<long>(), n => Assert.True(n == 0 || n >= threshold, $"published {n} < {threshold}"));
        for (var r = 0; r < rows; r++)
        {
            var hidden = Enumerable.Range(0, columns).Count(c => published[r, c] is null) + (published.RowTotals[r] is null ? 1 : 0);
            Assert.True(hidden != 1, $"row {r}: one hidden figure, recomputable from the others");
            for (var c = 0; c < columns; c++) if (published[r, c] is { } v) Assert.Equal(counts[r, c], v);
        }
        for (var c = 0; c < columns; c++)
        {
            var hidden = Enumerable.Range(0, rows).Count(r => published[r, c] is null) + (published.ColumnTotals[c] is null ? 1 : 0);
            Assert.True(hidden != 1, $"column {c}: one hidden figure, recomputable from the others");
        }
        Assert.True(published.RowTotals.Count(t => t is null) + (published.Total is null ? 1 : 0) != 1, "row totals: one hidden, recomputable from the total");
        Assert.True(published.ColumnTotals.Count(t => t is null) + (published.Total is null ? 1 : 0) != 1, "column totals: one hidden, recomputable from the total");
    }
}
