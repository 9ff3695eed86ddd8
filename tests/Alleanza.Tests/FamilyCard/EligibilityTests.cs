using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.FamilyCard;

namespace Alleanza.Tests.FamilyCard;

/// <summary>The one eligibility rule, with the network's options.</summary>
public class EligibilityTests
{
    static readonly DateOnly Today = new(2026, 11, 22);
    static HouseholdFacts Family(bool resident = true, int adults = 2, IseeBand? isee = null, DateOnly? iseeDate = null, params string[] children) =>
        new(resident, children.Select(DateOnly.Parse).ToList(), adults, isee, iseeDate);

    [Fact]
    public void Default_rule_resident_with_one_child_under_18_is_eligible_until_the_youngest_turns_18()
    {
        var verdict = Eligibility.Evaluate(new CardRules(), Family(children: ["2012-03-01", "2019-06-15"]), Today);
        Assert.True(verdict.Eligible, verdict.Summary);
        Assert.Equal(new DateOnly(2037, 6, 15), verdict.ValidUntil);
        Assert.Contains("Figli sotto i 18 anni: 2.", verdict.Summary);
    }

    [Fact]
    public void Not_resident_or_without_minor_children_is_not_eligible_and_says_why()
    {
        var away = Eligibility.Evaluate(new CardRules(), Family(resident: false, children: ["2019-06-15"]), Today);
        Assert.False(away.Eligible);
        Assert.Contains("non è in un Comune della rete", away.Summary);
        var grownUp = Eligibility.Evaluate(new CardRules(), Family(children: ["2008-11-22"]), Today); // 18 today
        Assert.False(grownUp.Eligible);
        Assert.Contains("non ci sono figli sotto i 18 anni", grownUp.Summary);
        Assert.Null(grownUp.ValidUntil);
        var almost = Eligibility.Evaluate(new CardRules(), Family(children: ["2008-11-23"]), Today); // 18 tomorrow
        Assert.True(almost.Eligible);
        Assert.Equal(new DateOnly(2026, 11, 23), almost.ValidUntil);
    }

    [Fact]
    public void Unborn_children_and_households_without_adults_do_not_count()
    {
        Assert.False(Eligibility.Evaluate(new CardRules(), Family(children: ["2027-01-01"]), Today).Eligible);
        Assert.False(Eligibility.Evaluate(new CardRules(), Family(adults: 0, children: ["2019-01-01"]), Today).Eligible);
    }

    [Fact]
    public void Minimum_children_and_age_limit_options()
    {
        var large = new CardRules { MinChildren = 3 };
        Assert.False(Eligibility.Evaluate(large, Family(children: ["2015-01-01", "2018-01-01"]), Today).Eligible);
        Assert.True(Eligibility.Evaluate(large, Family(children: ["2015-01-01", "2018-01-01", "2020-01-01"]), Today).Eligible);
        var young = new CardRules { ChildAgeLimit = 14 };
        Assert.False(Eligibility.Evaluate(young, Family(children: ["2011-01-01"]), Today).Eligible);
        var verdict = Eligibility.Evaluate(young, Family(children: ["2013-01-01"]), Today);
        Assert.True(verdict.Eligible);
        Assert.Equal(new DateOnly(2027, 1, 1), verdict.ValidUntil);
    }

    [Fact]
    public void Isee_ceiling_needs_a_recent_band_within_the_limit()
    {
        var rules = new CardRules { IseeCeiling = 30000 };
        Assert.False(Eligibility.Evaluate(rules, Family(children: ["2019-01-01"]), Today).Eligible);
        Assert.False(Eligibility.Evaluate(rules, Family(isee: IseeBand.UpTo40000, iseeDate: new(2026, 5, 1), children: ["2019-01-01"]), Today).Eligible);
        Assert.False(Eligibility.Evaluate(rules, Family(isee: IseeBand.UpTo20000, iseeDate: new(2025, 5, 1), children: ["2019-01-01"]), Today).Eligible);
        Assert.False(Eligibility.Evaluate(rules, Family(isee: IseeBand.UpTo20000, iseeDate: new(2027, 5, 1), children: ["2019-01-01"]), Today).Eligible);
        var ok = Eligibility.Evaluate(rules, Family(isee: IseeBand.UpTo30000, iseeDate: new(2026, 5, 1), children: ["2019-01-01"]), Today);
        Assert.True(ok.Eligible, ok.Summary);
        Assert.False(Eligibility.Evaluate(rules, Family(isee: IseeBand.Over40000, iseeDate: new(2026, 5, 1), children: ["2019-01-01"]), Today).Eligible);
        // Without a ceiling the band is not needed.
        Assert.True(Eligibility.Evaluate(new CardRules(), Family(isee: IseeBand.Over40000, iseeDate: new(2020, 1, 1), children: ["2019-01-01"]), Today).Eligible);
    }

    [Fact]
    public void A_card_state_follows_status_and_expiry()
    {
        var card = new Card { Status = CardStatus.Active, ValidUntil = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        Assert.Equal(CardState.Valid, card.StateAt(new DateTime(2029, 12, 31, 23, 59, 59, DateTimeKind.Utc)));
        Assert.Equal(CardState.Expired, card.StateAt(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        card.Status = CardStatus.Revoked;
        Assert.Equal(CardState.Revoked, card.StateAt(new DateTime(2029, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("Maria R.", Card.ShortName("Maria", "rossi"));
    }

    [Fact]
    public void Offers_compute_their_discount()
    {
        Assert.Equal(1.25m, new Offer { Kind = DiscountKind.Percent, Percent = 10 }.DiscountOn(12.50m));
        Assert.Equal(5m, new Offer { Kind = DiscountKind.Fixed, Amount = 5 }.DiscountOn(30m));
        Assert.Equal(3m, new Offer { Kind = DiscountKind.Fixed, Amount = 5 }.DiscountOn(3m));
        Assert.Null(new Offer { Kind = DiscountKind.Text }.DiscountOn(30m));
    }
}
