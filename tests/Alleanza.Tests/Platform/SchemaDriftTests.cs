using System.Data.Common;
using Alleanza.Tests.Infrastructure;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Alleanza.Tests.Platform;

/// <summary>
/// The hand-written migrations must build exactly the schema the model describes, on this run's engine
/// (scripts/test runs the suite on SQLite and on PostgreSQL). A model change without a migration fails here.
/// </summary>
public class SchemaDriftTests
{
    [Fact]
    public async Task Migrations_build_the_same_schema_as_the_model()
    {
        var settings = new Dictionary<string, string?> { ["Demo:Load"] = "false" };
        await using var fromMigrations = AlleanzaFactory.With(settings);
        await using var fromModel = AlleanzaFactory.With(new(settings) { ["Database:MigrateOnStartup"] = "false" });
        _ = fromMigrations.Services; // starting the host applies the migrations
        using (var scope = fromModel.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreatedAsync());

        var expected = await DescribeAsync(fromModel);
        var actual = await DescribeAsync(fromMigrations);
        Assert.NotEmpty(expected);
        Assert.Contains(expected, line => line.StartsWith("column Partners.NameKey", StringComparison.Ordinal));
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "The migrations do not match the model. Write a migration for the model change.\n" +
            "In the model, not in the migrated database:\n  " + string.Join("\n  ", missing) +
            "\nIn the migrated database, not in the model:\n  " + string.Join("\n  ", extra));
    }

    /// <summary>Tables, columns, indexes and constraints as sorted text lines, engine by engine.</summary>
    static async Task<List<string>> DescribeAsync(AlleanzaFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = new List<string>();
        if (factory.Provider == DatabaseProvider.Sqlite)
        {
            var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')");
            foreach (var t in tables.Select(r => r[0]))
            {
                lines.AddRange((await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{t}')"))
                    .Select(r => $"column {t}.{r[0]} {r[1]} notnull={r[2]} default={r[3]} pk={r[4]}"));
                foreach (var index in await QueryAsync(connection, $"SELECT name, \"unique\", partial FROM pragma_index_list('{t}')"))
                {
                    var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno");
                    lines.Add($"index {t}.{index[0]} unique={index[1]} partial={index[2]} ({string.Join(",", columns.Select(c => c[0]))})");
                }
                lines.AddRange((await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{t}')"))
                    .Select(r => $"fk {t}.{r[1]} -> {r[0]}.{r[2]} on delete {r[3]}"));
            }
        }
        else
        {
            lines.AddRange((await QueryAsync(connection, """
                SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable, coalesce(column_default, ''), is_identity, coalesce(identity_generation, '')
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
                """)).Select(r => $"column {r[0]}.{r[1]} {r[2]}({r[3]}) nullable={r[4]} default={r[5]} identity={r[6]} {r[7]}"));
            lines.AddRange((await QueryAsync(connection, "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')"))
                .Select(r => $"index {r[0]}: {r[1]}"));
            lines.AddRange((await QueryAsync(connection, """
                SELECT c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
                """)).Select(r => $"constraint {r[0]}.{r[1]} {r[2]} {r[3]}"));
        }
        // Full-text objects exist only through the migration (the model cannot describe them).
        lines.RemoveAll(l => Alleanza.Web.Modules.Catalog.FullTextSearch.DatabaseOnlyObjects.Any(o => l.Contains(o, StringComparison.Ordinal)));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    static async Task<List<string?[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        return rows;
    }
}
