using System.Diagnostics;
using Npgsql;

namespace Alleanza.MultiInstance;

/// <summary>What scripts/multi-instance started, from its environment variables.</summary>
public sealed record Setup(string Url, string AddressA, string AddressB, int PidB, string Database, string PgKill, string PgStart, string Password, TimeSpan PollInterval)
{
    public static Setup FromEnvironment()
    {
        static string Need(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v
            : throw new InvalidOperationException($"Manca la variabile {name}: questo programma è avviato da scripts/multi-instance.");
        var url = Need("MULTI_URL");
        if (!new Uri(url).IsLoopback) throw new InvalidOperationException("MULTI_URL deve essere su 127.0.0.1.");
        return new Setup(url, Need("MULTI_ADDRESS_A"), Need("MULTI_ADDRESS_B"), int.Parse(Need("MULTI_PID_B")), Need("MULTI_DB"),
            Need("MULTI_PG_KILL"), Need("MULTI_PG_START"), Environment.GetEnvironmentVariable("MULTI_PASSWORD") ?? "Alleanza-demo-2026",
            TimeSpan.Parse(Environment.GetEnvironmentVariable("MULTI_POLL_INTERVAL") ?? "00:00:01"));
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        // No pooling: the checks restart PostgreSQL, and a pooled connection would be a dead one afterwards.
        var connection = new NpgsqlConnection(Database + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(result!, typeof(T));
    }

    public async Task<List<object[]>> RowsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one of the script's PostgreSQL commands (pg_ctl), bounded to 60 s.</summary>
    public static async Task ShellAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"«{command}» è uscito con {process.ExitCode}: {await output}{await errors}");
    }
}
