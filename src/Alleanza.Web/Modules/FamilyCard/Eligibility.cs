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

        if (facts.ResidentInNetwork) reasons.Add(Tr.Get("Residenza in un Comune della rete: sì."));
        else { ok = false; reasons.Add(Tr.Get("La residenza non è in un Comune della rete.")); }

        if (facts.Adults < 1) { ok = false; reasons.Add(Tr.Get("Nel nucleo serve almeno un adulto.")); }

        var minors = facts.ChildrenBirthDates.Where(b => b <= today && AgeOn(b, today) < rules.ChildAgeLimit).ToList();
        if (minors.Count >= rules.MinChildren)
            reasons.Add(rules.MinChildren == 1
                ? Tr.Get("Figli sotto i {0} anni: {1}.", rules.ChildAgeLimit, minors.Count)
                : Tr.Get("Figli sotto i {0} anni: {1} (ne servono almeno {2}).", rules.ChildAgeLimit, minors.Count, rules.MinChildren));
        else
        {
            ok = false;
            reasons.Add(rules.MinChildren == 1
                ? Tr.Get("Nel nucleo non ci sono figli sotto i {0} anni.", rules.ChildAgeLimit)
                : Tr.Get("Figli sotto i {0} anni: {1}; ne servono almeno {2}.", rules.ChildAgeLimit, minors.Count, rules.MinChildren));
        }

        if (rules.IseeCeiling is decimal ceiling)
        {
            var limit = ceiling.ToString("N0", Platform.RomeTime.Culture);
            if (facts.IseeBand is not IseeBand band)
            { ok = false; reasons.Add(Tr.Get("La rete chiede un ISEE fino a {0} €: indicate la fascia ISEE.", limit)); }
            else if ((decimal)(int)band > ceiling)
            { ok = false; reasons.Add(Tr.Get("La fascia ISEE indicata supera il limite della rete ({0} €).", limit)); }
            else if (facts.IseeDate is not DateOnly date || date.AddMonths(IseeValidMonths) < today || date > today)
            { ok = false; reasons.Add(Tr.Get("L'ISEE deve essere dei 12 mesi precedenti: indicate la data dell'attestazione.")); }
            else reasons.Add(Tr.Get("ISEE entro il limite della rete ({0} €).", limit));
        }

        // The card lasts until the youngest child reaches the age limit.
        DateOnly? until = minors.Count == 0 ? null : minors.Max().AddYears(rules.ChildAgeLimit);
        if (ok && until is DateOnly u) reasons.Add(Tr.Get("Scadenza della carta: {0}.", Platform.RomeTime.Format(u, "d MMMM yyyy")));
        return new EligibilityVerdict(ok, reasons, ok ? until : null);
    }

    static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        if (day < birth.AddYears(age)) age--;
        return age;
    }
}
