using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform;

namespace Alleanza.Web.Modules.Network.Pact;

public enum PactVersionStatus { Draft = 1, Published = 2, Superseded = 3 }

/// <summary>Where a partner stands with the pact: the figures, lists and badges all come from <see cref="PactRules.State"/>.</summary>
public enum AdhesionState { Never = 0, Adhering = 1, ToRenew = 2, Withdrawn = 3 }

/// <summary>How an adhesion reached the platform: signed online by the partner's staff, or on paper and recorded by the coordinator.</summary>
public enum AdhesionChannel { Online = 1, Paper = 2 }

/// <summary>
/// One version of a network's collaboration pact (patto di collaborazione). Versions are numbered 1..n per network; at most
/// one is a draft (the coordinator edits it), at most one is published (the current text), earlier ones are superseded.
/// </summary>
public class PactVersion : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public int Number { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Markdown, rendered safely (raw HTML is not allowed).</summary>
    public string Text { get; set; } = "";
    /// <summary>What changed from the previous version, in a few words (shown to partners asked to re-adhere).</summary>
    public string? ChangeSummary { get; set; }
    public PactVersionStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public Guid? PublishedByUserId { get; set; }
    public string? PublishedByName { get; set; }
    public DateTime? SupersededAt { get; set; }

    public bool IsDraft => Status == PactVersionStatus.Draft;

    /// <summary>A new draft, numbered after every existing version, starting from the current text when there is one.</summary>
    public static PactVersion NewDraft(Guid networkId, int lastNumber, PactVersion? current, DateTime now) => new()
    {
        Id = Guid.NewGuid(), NetworkId = networkId, Number = lastNumber + 1, Status = PactVersionStatus.Draft,
        Title = current?.Title ?? "Patto di collaborazione",
        Text = current?.Text ?? "",
        CreatedAt = now, UpdatedAt = now,
    };

    public void Edit(string title, string text, string? changeSummary, DateTime now)
    {
        if (!IsDraft) throw new InvalidOperationException("Only a draft can be edited.");
        Title = title.Trim();
        Text = text.Trim();
        ChangeSummary = string.IsNullOrWhiteSpace(changeSummary) ? null : changeSummary.Trim();
        UpdatedAt = now;
    }

    /// <summary>Publishing a draft makes it the current text; the version it replaces becomes superseded.</summary>
    public void Publish(PactVersion? current, DateTime now, Guid? userId, string? userName)
    {
        if (!IsDraft) throw new InvalidOperationException("Only a draft can be published.");
        if (current is not null)
        {
            if (current.Status != PactVersionStatus.Published || current.NetworkId != NetworkId) throw new InvalidOperationException("The current version must be this network's published one.");
            current.Status = PactVersionStatus.Superseded;
            current.SupersededAt = now;
        }
        Status = PactVersionStatus.Published;
        PublishedAt = now;
        PublishedByUserId = userId;
        PublishedByName = userName;
        UpdatedAt = now;
    }
}

/// <summary>
/// A partner's adhesion to one version of the pact: who signed for the organisation, in which role, on which day, and the
/// partner's commitments (impegni). An adhesion is live until it is withdrawn or replaced by an adhesion to a newer version;
/// replaced and withdrawn adhesions stay as history.
/// </summary>
public class PactAdhesion : IVersioned
{
    /// <summary>Concurrency token: see <see cref="IVersioned"/>.</summary>
    public int Version { get; set; }
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid PartnerId { get; set; }
    public Guid VersionId { get; set; }
    /// <summary>The number of the version signed (copied from it: the figures compare it with the current number).</summary>
    public int VersionNumber { get; set; }
    public string SignatoryName { get; set; } = "";
    public string SignatoryRole { get; set; } = "";
    /// <summary>The day of the signature (Italian calendar).</summary>
    public DateOnly SignedOn { get; set; }
    public AdhesionChannel Channel { get; set; }
    public string? Commitments { get; set; }
    public DateTime RecordedAt { get; set; }
    public Guid? RecordedByUserId { get; set; }
    public string? RecordedByName { get; set; }
    /// <summary>
    /// The partner's id while the adhesion is live, null afterwards. A unique index on it keeps at most one live adhesion per
    /// partner on every engine (NULLs never collide), even when two people adhere at the same moment.
    /// </summary>
    public Guid? LivePartnerId { get; set; }
    public DateTime? SupersededAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawalReason { get; set; }
    public string? WithdrawnByName { get; set; }

    public bool IsLive => WithdrawnAt is null && SupersededAt is null;

    public static PactAdhesion Create(Guid partnerId, PactVersion version, string signatoryName, string signatoryRole, DateOnly signedOn,
        string? commitments, AdhesionChannel channel, DateTime now, Guid? userId, string? userName)
    {
        if (version.Status == PactVersionStatus.Draft) throw new InvalidOperationException("Nobody adheres to a draft.");
        return new PactAdhesion
        {
            Id = Guid.NewGuid(), NetworkId = version.NetworkId, PartnerId = partnerId, VersionId = version.Id, VersionNumber = version.Number,
            SignatoryName = signatoryName.Trim(), SignatoryRole = signatoryRole.Trim(), SignedOn = signedOn, Channel = channel,
            Commitments = string.IsNullOrWhiteSpace(commitments) ? null : commitments.Trim(),
            RecordedAt = now, RecordedByUserId = userId, RecordedByName = userName, LivePartnerId = partnerId,
        };
    }

    /// <summary>The partner adhered again (to a newer version): this one becomes history.</summary>
    public void Supersede(DateTime now)
    {
        if (!IsLive) throw new InvalidOperationException("Only a live adhesion can be replaced.");
        SupersededAt = now;
        LivePartnerId = null;
    }

    public void Withdraw(DateTime now, string reason, string? byName)
    {
        if (!IsLive) throw new InvalidOperationException("Only a live adhesion can be withdrawn.");
        WithdrawnAt = now;
        WithdrawalReason = reason.Trim();
        WithdrawnByName = byName;
        LivePartnerId = null;
    }

    /// <summary>This adhesion's standing now that <paramref name="currentNumber"/> is the published version.</summary>
    public AdhesionState StateAgainst(int? currentNumber) =>
        WithdrawnAt is not null ? AdhesionState.Withdrawn
        : SupersededAt is not null ? AdhesionState.Never
        : PactRules.State(VersionNumber, hasHistory: true, currentNumber);
}

/// <summary>The pact's rules, as plain functions the queries and pages share.</summary>
public static class PactRules
{
    /// <summary>
    /// A partner with a live adhesion adheres, or must renew once a newer version than the one signed is published; a partner
    /// whose adhesions were all withdrawn or replaced without a live one has withdrawn; otherwise it never adhered.
    /// </summary>
    public static AdhesionState State(int? liveVersionNumber, bool hasHistory, int? currentNumber) =>
        liveVersionNumber is { } signed
            ? currentNumber is { } current && signed < current ? AdhesionState.ToRenew : AdhesionState.Adhering
            : hasHistory ? AdhesionState.Withdrawn : AdhesionState.Never;

    /// <summary>Why a new adhesion to version <paramref name="versionNumber"/> is refused, or null when it may be recorded.</summary>
    public static string? CannotAdhere(int? liveVersionNumber, int versionNumber) => liveVersionNumber switch
    {
        { } live when live == versionNumber => $"L'ente aderisce già alla versione {versionNumber} del patto.",
        { } live when live > versionNumber => $"L'ente aderisce già alla versione {live}, più recente della {versionNumber}.",
        _ => null,
    };

    public static string Label(AdhesionState state) => state switch
    {
        AdhesionState.Adhering => "Aderente",
        AdhesionState.ToRenew => "Da rinnovare",
        AdhesionState.Withdrawn => "Ritirato",
        _ => "Mai aderito",
    };

    public static string Badge(AdhesionState state) => state switch
    {
        AdhesionState.Adhering => "bg-success",
        AdhesionState.ToRenew => "bg-warning text-dark",
        AdhesionState.Withdrawn => "bg-danger",
        _ => "bg-secondary",
    };

    public static string VersionLabel(PactVersionStatus status) => status switch
    {
        PactVersionStatus.Draft => "Bozza",
        PactVersionStatus.Published => "In vigore",
        _ => "Sostituita",
    };

    // Dates in sentences: "dal 16/10/2026" but "dall'8/10/2026", "il 3 marzo" but "l'11 marzo"; in another language
    // the resources' "from {0}", "on {0}". Times are shown in Rome's zone.
    static bool Elides(int day) => day is 8 or 11;
    static string Phrase(string key, string elided, int day, string date) =>
        Languages.Current == Languages.Italian ? (Elides(day) ? elided : key.Replace("{0}", "")) + date : Tr.Get(key, date);
    public static string Since(DateOnly day, string format = "d/M/yyyy") => Phrase("dal {0}", "dall'", day.Day, RomeTime.Format(day, format));
    public static string Since(DateTime utc, string format = "d/M/yyyy") => Phrase("dal {0}", "dall'", utc.ToRome().Day, RomeTime.Format(utc, format));
    public static string Until(DateTime utc, string format = "d/M/yyyy") => Phrase("al {0}", "all'", utc.ToRome().Day, RomeTime.Format(utc, format));
    public static string On(DateOnly day, string format = "d/M/yyyy") => Phrase("il {0}", "l'", day.Day, RomeTime.Format(day, format));
    public static string On(DateTime utc, string format = "d/M/yyyy") => Phrase("il {0}", "l'", utc.ToRome().Day, RomeTime.Format(utc, format));

    /// <summary>The words for one adhesion in a partner's history.</summary>
    public static string HistoryLabel(PactAdhesion a, int? currentNumber) =>
        a.WithdrawnAt is not null ? "Ritirata" : a.SupersededAt is not null ? "Sostituita da un'adesione successiva" : Label(a.StateAgainst(currentNumber));
}
