using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql;
using Microsoft.Data.Sqlite;

namespace Alleanza.Web.Platform.Data;

public static class Concurrency
{
    /// <summary>Makes <see cref="IVersioned.Version"/> a concurrency token on every entity that has one.</summary>
    public static void ConfigureVersionTokens(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
            builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken().HasDefaultValue(0);
    }

    /// <summary>Moves the version of every changed versioned row one step on, before it is written.</summary>
    public static void BumpVersions(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<IVersioned>())
            if (entry.State == EntityState.Modified) entry.Entity.Version++;
    }

    /// <summary>
    /// True when the save broke a unique index: the "one" rules (one active registration per person and session,
    /// one pending application per household, one active card per member…) held against a concurrent twin request.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException e) => e.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>What the person who lost the race reads: the change was made, by them (a double tap) or by someone else.</summary>
    public const string AlreadyDone = "Nello stesso momento un'altra richiesta (forse un doppio clic, o un'altra persona) ha già cambiato questi dati: ecco lo stato aggiornato. Se serve, ripetete l'operazione.";

    /// <summary>
    /// Saves, or answers false when the save lost a race with an identical request (a version or a "one" rule changed
    /// under it). Nothing of the failed save stays tracked; an open transaction must be abandoned by the caller.
    /// </summary>
    public static async Task<bool> TrySaveAsync(this DbContext db)
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException e) when (e.IsLostRace())
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>The save lost a race with an identical request: the state it expected has already changed.</summary>
    public static bool IsLostRace(this Exception e) =>
        e is DbUpdateConcurrencyException || (e is DbUpdateException u && u.IsUniqueViolation());
}
