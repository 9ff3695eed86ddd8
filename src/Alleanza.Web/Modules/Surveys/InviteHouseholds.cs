using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Email;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Surveys;

/// <summary>
/// The questionnaire to the households of the registry: every household matching a filter (Comune, children's ages)
/// and not invited yet gets an e-mail with its personal one-use link. The link's code is made here and only its hash is
/// kept, with the household's Comune (for the response rate per Comune); the e-mail goes straight through the mailer and
/// is not kept as an in-app notification, so nothing stored ties a household to its code.
/// </summary>
public sealed class InviteHouseholds(AppDbContext db, TimeProvider clock, Mailer mailer, PublicSite site, AuditLog audit, ILogger<InviteHouseholds> log)
{
    public const int MaxPerSending = 5000;

    public sealed record Filter(Guid? ComuneId, int? AgeFrom, int? AgeTo);
    public sealed record Target(Guid HouseholdId, Guid ComuneId, string Email, string? Language = null);

    public async Task<(List<Target> Targets, int AlreadyInvited)> ReachAsync(Guid networkId, Guid surveyId, Filter f)
    {
        var households = db.Households.AsNoTracking().Where(h => h.NetworkId == networkId && h.OwnerUserId != null);
        if (f.ComuneId is { } comune) households = households.Where(h => h.ComuneId == comune);
        if (f.AgeFrom is not null || f.AgeTo is not null)
        {
            var today = RomeTime.Today(clock);
            var bornBy = today.AddYears(-(f.AgeFrom ?? 0));
            var bornAfter = today.AddYears(-((f.AgeTo ?? 17) + 1));
            households = households.Where(h => h.Members.Any(m => m.Role == Families.MemberRole.Child && m.BirthDate <= bornBy && m.BirthDate > bornAfter));
        }
        var all = await (from h in households
                         join u in db.Users on h.OwnerUserId equals u.Id
                         where u.EmailConfirmed && u.Email != null
                         select new { h.Id, h.ComuneId, u.Email, u.Language }).ToListAsync();
        var invited = (await db.SurveyInvitations.AsNoTracking().Where(i => i.SurveyId == surveyId).Select(i => i.HouseholdId).ToListAsync()).ToHashSet();
        return (all.Where(h => !invited.Contains(h.Id)).Select(h => new Target(h.Id, h.ComuneId, h.Email!, h.Language)).ToList(), all.Count(h => invited.Contains(h.Id)));
    }

    /// <summary>Invites the households; answers how many, or the message when nothing was sent.</summary>
    public async Task<(int Sent, string? Error)> SendAsync(Guid networkId, string networkSlug, string networkName, Guid surveyId, Filter f, Guid userId, string userName)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == surveyId && s.NetworkId == networkId);
        if (survey is null) return (0, Tr.Get("Questionario non trovato."));
        if (survey.Status != SurveyStatus.Open) return (0, Tr.Get("Si invitano le famiglie solo quando il questionario è aperto."));
        var (targets, _) = await ReachAsync(networkId, surveyId, f);
        if (targets.Count == 0) return (0, Tr.Get("Nessuna famiglia da invitare con questi criteri (o erano già state invitate tutte)."));
        if (targets.Count > MaxPerSending) targets = targets.Take(MaxPerSending).ToList();
        var codes = targets.Select(t => (t, Code: SurveyCodes.NewCode())).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.SurveyInvitations.AddRange(targets.Select(t => new SurveyInvitation { SurveyId = surveyId, HouseholdId = t.HouseholdId }));
            // The codes are added in another order than the invitations, so the rows' order says nothing either.
            db.SurveyCodes.AddRange(codes.OrderBy(_ => Guid.NewGuid()).Select(c => new SurveyCode
            {
                Id = Guid.NewGuid(), SurveyId = surveyId, Hash = SurveyCodes.Hash(SurveyCodes.Normalize(c.Code)!), Channel = CodeChannel.Invitation, ComuneId = c.t.ComuneId,
            }));
            audit.Add("surveys.invited", nameof(Survey), surveyId, $"«{survey.Title}»: invitate {targets.Count} famiglie", networkId, userId, userName);
            if (!await db.TrySaveAsync()) return (0, Tr.Get("Nello stesso momento un'altra richiesta ha già invitato queste famiglie: già fatto."));
            await transaction.CommitAsync();
        }
        // The questionnaire's title as the network translated it, where it did, for each family's language.
        var titles = await db.SurveyTranslations.AsNoTracking().Where(x => x.SurveyId == surveyId && x.ItemId == surveyId && x.Field == TranslatedField.Title)
            .ToDictionaryAsync(x => x.Language, x => x.Text);
        foreach (var (t, code) in codes)
        {
            // The invitation in the family's language (the account's), frame included; the link opens the questionnaire in it.
            using var _ = Languages.Use(t.Language);
            var language = Languages.Current.Code;
            var title = titles.TryGetValue(language, out var translated) && translated.Length > 0 ? translated : survey.Title;
            var link = site.Link($"/questionari/{surveyId}/compila?rete={Uri.EscapeDataString(networkSlug)}&codice={Uri.EscapeDataString(code)}"
                + (language == Languages.Italian.Code ? "" : $"&{Languages.QueryKey}={language}"));
            try
            {
                await mailer.SendAsync(t.Email, Tr.Get("Questionario: {0}", title),
                    Tr.Get("Gentile famiglia,") + "\n\n" + Tr.Get("{0} vi invita a rispondere al questionario «{1}».", networkName, title) + "\n\n" +
                    Tr.Get("Aprite questo collegamento personale:") + $"\n{link}\n\n" + Tr.Get("oppure andate su {0} e scrivete il codice {1}.", site.Link("/questionari"), code) + "\n\n" +
                    Tr.Get("Il questionario è anonimo: il codice serve solo a rispondere una volta e a riprendere più tardi. Le risposte non sono collegate a voi né al vostro indirizzo e-mail.") +
                    "\n\n" + Tr.Get("Grazie!"));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unreachable address does not stop the others; its code simply stays unused.
                log.LogWarning(e, "Invito al questionario {Survey} non recapitato", surveyId);
            }
        }
        return (targets.Count, null);
    }
}
