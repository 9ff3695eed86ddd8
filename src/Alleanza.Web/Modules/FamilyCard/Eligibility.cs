using Alleanza.Web.Modules.Families;
namespace Alleanza.Web.Modules.FamilyCard;

/// <summary>What the rule is given: the household as it is today.</summary>
public sealed record HouseholdFacts(bool ResidentInNetwork, IReadOnlyList<DateOnly> ChildrenBirthDates, int Adults, IseeBand? IseeBand, DateOnly? IseeDate);

/// <summary>The verdict, with every reason in words (shown to the family and to the officer).</summary>
public sealed record EligibilityVerdict(bool Eligible, IReadOnlyList<string> Reasons, DateOnly? ValidUntil)
{
    public string Summary => string.Join(" ", Reasons);
}

/// <summary>The one eligibility rule of the Family Card, driven by the network's <see cref="CardRules"/>.</summary>
public static class Eligibility
{
    /// <summary>An ISEE certificate is good for this long (it is renewed every year).</summary>
    public const int IseeValidMonths = 12;

    public static EligibilityVerdict Evaluate(CardRules rules, HouseholdFacts facts, DateOnly today)
    {
        var reasons = new List<string>();
        var ok = true;

        if (facts.ResidentInNetwork) reasons.Add("Residenza in un Comune della rete: sì.");
        else { ok = false; reasons.Add("La residenza non è in un Comune della rete."); }

        if (facts.Adults < 1) { ok = false; reasons.Add("Nel nucleo serve almeno un adulto."); }

        var minors = facts.ChildrenBirthDates.Where(b => b <= today && AgeOn(b, today) < rules.ChildAgeLimit).ToList();
        if (minors.Count >= rules.MinChildren)
            reasons.Add(rules.MinChildren == 1
                ? $"Figli sotto i {rules.ChildAgeLimit} anni: {minors.Count}."
                : $"Figli sotto i {rules.ChildAgeLimit} anni: {minors.Count} (ne servono almeno {rules.MinChildren}).");
        else
        {
            ok = false;
            reasons.Add(rules.MinChildren == 1
                ? $"Nel nucleo non ci sono figli sotto i {rules.ChildAgeLimit} anni."
                : $"Figli sotto i {rules.ChildAgeLimit} anni: {minors.Count}; ne servono almeno {rules.MinChildren}.");
        }

        if (rules.IseeCeiling is decimal ceiling)
        {
            var limit = ceiling.ToString("N0", Platform.RomeTime.Italian);
            if (facts.IseeBand is not IseeBand band)
            { ok = false; reasons.Add($"La rete chiede un ISEE fino a {limit} €: indicate la fascia ISEE."); }
            else if ((decimal)(int)band > ceiling)
            { ok = false; reasons.Add($"La fascia ISEE indicata supera il limite della rete ({limit} €)."); }
            else if (facts.IseeDate is not DateOnly date || date.AddMonths(IseeValidMonths) < today || date > today)
            { ok = false; reasons.Add($"L'ISEE deve essere dei 12 mesi precedenti: indicate la data dell'attestazione."); }
            else reasons.Add($"ISEE entro il limite della rete ({limit} €).");
        }

        // The card lasts until the youngest child reaches the age limit.
        DateOnly? until = minors.Count == 0 ? null : minors.Max().AddYears(rules.ChildAgeLimit);
        if (ok && until is DateOnly u) reasons.Add($"Scadenza della carta: {u.ToString("d MMMM yyyy", Platform.RomeTime.Italian)}.");
        return new EligibilityVerdict(ok, reasons, ok ? until : null);
    }

    static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        if (day < birth.AddYears(age)) age--;
        return age;
    }
}
