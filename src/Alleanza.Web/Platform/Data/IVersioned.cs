namespace Alleanza.Web.Platform.Data;

/// <summary>
/// A row whose state changes (a status, a decision, a revocation). Its <see cref="Version"/> is a concurrency token:
/// every save of a changed row writes <c>UPDATE … SET Version = n + 1 WHERE Id = … AND Version = n</c>, so of two
/// requests that read the same state and both change it, only the first one saves; the second gets a
/// <c>DbUpdateConcurrencyException</c> and its whole transaction rolls back (no second card, no places freed twice).
/// It works the same on SQLite and PostgreSQL and across app instances, since the check is in the database.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
