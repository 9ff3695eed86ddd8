using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>
/// A group activity recorded by a manager as one transfer of N movements: each participant gives their minutes, the teacher
/// receives hers, the bank's own account takes the rest (or pays what is missing). The movements sum to zero.
/// </summary>
public sealed class GroupActivities(AppDbContext db, LedgerBook ledger, AuditLog audit, TimeProvider clock)
{
    public const string TransferKind = "timebank.group";

    public sealed record Result(Guid? Id, string? Field, string? Error, bool AlreadyDone = false);

    public async Task<Result> RecordAsync(Bank bank, Guid managerId, GroupActivityForm form)
    {
        var participants = form.Participants.Distinct().ToList();
        var teacher = form.TeacherMemberId!.Value;
        if (participants.Contains(teacher)) return new(null, nameof(form.Participants), Tr.Get("Chi tiene l'attività non è tra i partecipanti."));
        var ids = participants.Append(teacher).ToList();
        var accounts = await db.TimeBankMembers.AsNoTracking().Where(m => ids.Contains(m.Id) && m.BankId == bank.Id && m.Status == MemberStatus.Active)
            .Select(m => new { m.Id, m.AccountId }).ToDictionaryAsync(m => m.Id, m => m.AccountId!.Value);
        if (!accounts.ContainsKey(teacher)) return new(null, nameof(form.TeacherMemberId), Tr.Get("Scegli un socio della banca."));
        if (accounts.Count != ids.Count) return new(null, nameof(form.Participants), Tr.Get("Scegli i partecipanti tra i soci della banca."));

        var each = (int)Math.Round(form.ParticipantHours!.Value * 60m);
        var teacherMinutes = (int)Math.Round(form.TeacherHours!.Value * 60m);
        var legs = participants.Select(p => new Leg(accounts[p], -each)).Append(new Leg(accounts[teacher], teacherMinutes)).ToList();
        var rest = (long)each * participants.Count - teacherMinutes;
        if (rest != 0) legs.Add(new Leg(bank.AccountId, rest));

        var activity = new GroupActivity
        {
            Id = form.RequestId is { } r && r != Guid.Empty ? r : Guid.NewGuid(), BankId = bank.Id, NetworkId = bank.NetworkId, Title = form.Title!.Trim(),
            Category = form.Category!.Value, On = form.On!.Value, TeacherMemberId = teacher, TeacherMinutes = teacherMinutes,
            MinutesPerParticipant = each, Participants = participants.Count, RecordedByUserId = managerId, RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (await db.TimeBankGroupActivities.AnyAsync(a => a.Id == activity.Id)) return new(activity.Id, null, null, AlreadyDone: true);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var transfer = await ledger.TransferAsync(new TransferRequest(bank.NetworkId, LedgerUnit.Minutes, TransferKind, activity.Title, legs, managerId));
        if (transfer.Outcome == TransferOutcome.BelowLimit)
        {
            var who = await db.TimeBankMembers.AsNoTracking().Where(m => m.AccountId == transfer.RefusedAccountId).Select(m => m.Name).FirstOrDefaultAsync();
            return new(null, nameof(form.Participants), Tr.Get("{0} andrebbe oltre il debito massimo della banca: toglilo dai partecipanti o registra meno ore.", who ?? "Un partecipante"));
        }
        if (!transfer.Succeeded) return new(null, nameof(form.Participants), Tr.Get("Le ore non tornano: controlla partecipanti e ore."));
        activity.TransferId = transfer.TransferId!.Value;
        db.TimeBankGroupActivities.Add(activity);
        audit.Add("timebank.group", "TimeBankGroupActivity", activity.Id, $"{activity.Title}: {participants.Count} partecipanti", bank.NetworkId);
        if (!await db.TrySaveAsync()) return new(activity.Id, null, null, AlreadyDone: true);
        await transaction.CommitAsync();
        return new(activity.Id, null, null);
    }

    public sealed record Row(Guid Id, DateOnly On, string Title, HelpCategory Category, string Teacher, int Participants, int MinutesPerParticipant, int TeacherMinutes);

    public Task<List<Row>> LatestAsync(Guid bankId, int take = 10) =>
        db.TimeBankGroupActivities.AsNoTracking().Where(a => a.BankId == bankId).OrderByDescending(a => a.On).ThenByDescending(a => a.RecordedAt).Take(take)
            .Select(a => new Row(a.Id, a.On, a.Title, a.Category, db.TimeBankMembers.Where(m => m.Id == a.TeacherMemberId).Select(m => m.Name).First(),
                a.Participants, a.MinutesPerParticipant, a.TeacherMinutes)).ToListAsync();
}
