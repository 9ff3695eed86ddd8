using Alleanza.Web.Modules.Network.Pact;

namespace Alleanza.Tests.Network;

/// <summary>The collaboration pact's rules as plain code: states, re-adhesion, versions.</summary>
public class PactRulesTests
{
    static readonly DateTime Now = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    static readonly Guid Network = Guid.NewGuid();

    static PactVersion Draft(int lastNumber = 0, PactVersion? current = null) => PactVersion.NewDraft(Network, lastNumber, current, Now);

    static PactVersion PublishedVersion(int number)
    {
        var v = Draft(number - 1);
        v.Publish(null, Now, null, "Coordinatrice");
        return v;
    }

    [Theory]
    [InlineData(null, false, null, AdhesionState.Never)]
    [InlineData(null, false, 1, AdhesionState.Never)]
    [InlineData(1, true, 1, AdhesionState.Adhering)]
    [InlineData(1, true, 2, AdhesionState.ToRenew)]
    [InlineData(2, true, 2, AdhesionState.Adhering)]
    [InlineData(null, true, 2, AdhesionState.Withdrawn)]
    public void A_partner_state_follows_its_live_adhesion_and_the_current_version(int? live, bool history, int? current, AdhesionState expected) =>
        Assert.Equal(expected, PactRules.State(live, history, current));

    [Fact]
    public void Adhering_again_needs_a_newer_version_than_the_live_one()
    {
        Assert.Null(PactRules.CannotAdhere(null, 1));
        Assert.Null(PactRules.CannotAdhere(1, 2));
        Assert.Contains("già alla versione 2", PactRules.CannotAdhere(2, 2));
        Assert.Contains("più recente", PactRules.CannotAdhere(3, 2));
    }

    [Fact]
    public void An_adhesion_to_an_older_version_is_to_renew_once_a_newer_one_is_published_and_a_draft_does_not_count()
    {
        var v1 = PublishedVersion(1);
        var adhesion = PactAdhesion.Create(Guid.NewGuid(), v1, "Maria Rossi", "Presidente", new DateOnly(2026, 3, 1), "Doposcuola", AdhesionChannel.Online, Now, null, null);
        Assert.Equal(AdhesionState.Adhering, adhesion.StateAgainst(1));

        var v2 = Draft(1, v1);
        Assert.Equal(AdhesionState.Adhering, adhesion.StateAgainst(v1.Number)); // the draft is not the current version
        v2.Publish(v1, Now.AddDays(30), null, null);
        Assert.Equal(AdhesionState.ToRenew, adhesion.StateAgainst(v2.Number));
    }

    [Fact]
    public void Publishing_a_draft_makes_it_current_and_supersedes_the_previous_version()
    {
        var v1 = PublishedVersion(1);
        var v2 = Draft(1, v1);
        Assert.Equal(2, v2.Number);
        Assert.Equal(v1.Text, v2.Text);
        Assert.True(v2.IsDraft);

        v2.Publish(v1, Now.AddDays(10), Guid.NewGuid(), "Giulia");
        Assert.Equal(PactVersionStatus.Published, v2.Status);
        Assert.Equal(Now.AddDays(10), v2.PublishedAt);
        Assert.Equal("Giulia", v2.PublishedByName);
        Assert.Equal(PactVersionStatus.Superseded, v1.Status);
        Assert.Equal(Now.AddDays(10), v1.SupersededAt);

        Assert.Throws<InvalidOperationException>(() => v2.Publish(null, Now, null, null)); // only a draft is published
        Assert.Throws<InvalidOperationException>(() => v1.Edit("Titolo", "Testo", null, Now)); // published text never changes
        Assert.Throws<InvalidOperationException>(() => Draft(2).Publish(v1, Now, null, null)); // v1 is no longer the current one
    }

    [Fact]
    public void Nobody_adheres_to_a_draft()
    {
        Assert.Throws<InvalidOperationException>(() =>
            PactAdhesion.Create(Guid.NewGuid(), Draft(), "Maria Rossi", "Presidente", new DateOnly(2026, 3, 1), null, AdhesionChannel.Online, Now, null, null));
    }

    [Fact]
    public void A_withdrawn_or_replaced_adhesion_is_no_longer_live_and_keeps_its_history()
    {
        var partner = Guid.NewGuid();
        var adhesion = PactAdhesion.Create(partner, PublishedVersion(1), "  Maria Rossi ", "Presidente", new DateOnly(2026, 3, 1), "  ", AdhesionChannel.Paper, Now, null, "Giulia");
        Assert.Equal("Maria Rossi", adhesion.SignatoryName);
        Assert.Null(adhesion.Commitments);
        Assert.True(adhesion.IsLive);
        Assert.Equal(partner, adhesion.LivePartnerId);

        adhesion.Withdraw(Now.AddDays(5), " Chiusura dell'associazione ", "Maria Rossi");
        Assert.False(adhesion.IsLive);
        Assert.Null(adhesion.LivePartnerId);
        Assert.Equal("Chiusura dell'associazione", adhesion.WithdrawalReason);
        Assert.Equal(AdhesionState.Withdrawn, adhesion.StateAgainst(1));
        Assert.Throws<InvalidOperationException>(() => adhesion.Withdraw(Now, "di nuovo", null));
        Assert.Throws<InvalidOperationException>(() => adhesion.Supersede(Now));

        var other = PactAdhesion.Create(partner, PublishedVersion(1), "Maria Rossi", "Presidente", new DateOnly(2026, 3, 1), null, AdhesionChannel.Online, Now, null, null);
        other.Supersede(Now.AddDays(1));
        Assert.False(other.IsLive);
        Assert.Null(other.LivePartnerId);
        Assert.Equal("Sostituita da un'adesione successiva", PactRules.HistoryLabel(other, 2));
    }
}

public class PactDateWordsTests
{
    [Fact]
    public void Dates_in_sentences_elide_before_8_and_11_and_keep_the_time_in_Rome()
    {
        Assert.Equal("dal 16/10/2026", PactRules.Since(new DateOnly(2026, 10, 16)));
        Assert.Equal("dall'8/10/2026", PactRules.Since(new DateOnly(2026, 10, 8)));
        Assert.Equal("l'11 marzo 2026", PactRules.On(new DateOnly(2026, 3, 11), "d MMMM yyyy"));
        Assert.Equal("il 7/10/2026 23:30", PactRules.On(new DateTime(2026, 10, 7, 21, 30, 0, DateTimeKind.Utc), "d/M/yyyy HH:mm"));
        Assert.Equal("all'8/10/2026", PactRules.Until(new DateTime(2026, 10, 7, 22, 30, 0, DateTimeKind.Utc))); // already the 8th in Rome
    }
}
