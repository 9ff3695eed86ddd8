using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Alleanza.Web.Platform.Auth.Oidc;

/// <summary>
/// One SPID, CIE or other external sign-in attempt: who (fiscal code, subject, account), when, with which provider and
/// level (acr), and how it ended. Kept at least 24 months (<see cref="SpidOptions.LogRetentionMonths"/>), also after the
/// account is deleted; readable only by the installation's administrators (<c>/amministrazione/accessi-spid</c>).
/// </summary>
public class ExternalSignIn
{
    public Guid Id { get; set; }
    public DateTime At { get; set; }
    public string ProviderId { get; set; } = "";
    public string ProviderName { get; set; } = "";
    public ProviderKind Kind { get; set; }
    public string? Acr { get; set; }
    public string? FiscalCode { get; set; }
    public string? Subject { get; set; }
    public Guid? UserId { get; set; }
    public bool Succeeded { get; set; }
    /// <summary>For a refusal: the <see cref="FederationFailure"/> name; for a success: what followed (signed-in, created, linked, pending).</summary>
    public string Outcome { get; set; } = "";
    public string? Detail { get; set; }
    public string? IpAddress { get; set; }
}

public sealed class ExternalSignInLog(AppDbContext db, TimeProvider clock, IHttpContextAccessor http, IOptions<SpidOptions> options)
{
    public async Task WriteAsync(ProviderOptions provider, bool succeeded, string outcome, string? detail = null, string? acr = null,
        string? fiscalCode = null, string? subject = null, Guid? userId = null, CancellationToken cancel = default)
    {
        db.ExternalSignIns.Add(new ExternalSignIn
        {
            Id = Guid.NewGuid(), At = clock.GetUtcNow().UtcDateTime, ProviderId = provider.Id, ProviderName = Cut(provider.Name, 100)!, Kind = provider.Kind,
            Acr = Cut(acr, 100), FiscalCode = Cut(fiscalCode, 16), Subject = Cut(subject, 200), UserId = userId, Succeeded = succeeded,
            Outcome = Cut(outcome, 40)!, Detail = Cut(detail, 500), IpAddress = Cut(http.HttpContext?.Connection.RemoteIpAddress?.ToString(), 45),
        });
        await db.SaveChangesAsync(cancel);
    }

    /// <summary>Deletes the rows older than the retention period (never less than 24 months). Returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancel = default)
    {
        var months = Math.Max(24, options.Value.LogRetentionMonths);
        var before = clock.GetUtcNow().UtcDateTime.AddMonths(-months);
        return await db.ExternalSignIns.Where(e => e.At < before).ExecuteDeleteAsync(cancel);
    }

    static string? Cut(string? s, int max) => s is null ? null : s.Length <= max ? s : s[..max];

    internal static void Configure(ModelBuilder b) => b.Entity<ExternalSignIn>(e =>
    {
        e.ToTable("ExternalSignIns");
        e.Property(x => x.ProviderId).HasMaxLength(60);
        e.Property(x => x.ProviderName).HasMaxLength(100);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
        e.Property(x => x.Acr).HasMaxLength(100);
        e.Property(x => x.FiscalCode).HasMaxLength(16);
        e.Property(x => x.Subject).HasMaxLength(200);
        e.Property(x => x.Outcome).HasMaxLength(40);
        e.Property(x => x.Detail).HasMaxLength(500);
        e.Property(x => x.IpAddress).HasMaxLength(45);
        e.HasIndex(x => x.At);
        e.HasIndex(x => x.FiscalCode);
    });
}

/// <summary>
/// Deletes the sign-in log's rows once they are older than the retention period, every <c>Spid:LogPruneInterval</c>
/// (a day by default; 0 turns it off, as the tests do, which call <see cref="ExternalSignInLog.PruneAsync"/> themselves).
/// A plain conditional DELETE: several instances may run it at once.
/// </summary>
public sealed class ExternalSignInLogPruning(IServiceScopeFactory scopes, IConfiguration config, ILogger<ExternalSignInLogPruning> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var interval = config.GetValue("Spid:LogPruneInterval", TimeSpan.FromDays(1));
        if (interval <= TimeSpan.Zero) return;
        try { await Task.Delay(TimeSpan.FromMinutes(2), stop); } catch (OperationCanceledException) { return; }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var n = await scope.ServiceProvider.GetRequiredService<ExternalSignInLog>().PruneAsync(stop);
                if (n > 0) log.LogInformation("Registro degli accessi SPID/CIE: {Count} righe oltre il periodo di conservazione cancellate", n);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Pulizia del registro degli accessi SPID/CIE non riuscita");
            }
            try { await Task.Delay(interval, stop); } catch (OperationCanceledException) { return; }
        }
    }
}
