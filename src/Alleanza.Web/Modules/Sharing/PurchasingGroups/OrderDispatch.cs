using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Data;
using Alleanza.Web.Platform.Email;
using Alleanza.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// Closing a cycle and sending its aggregated order to the supplier. At closing (a referent's, the job's at the closing time,
/// or the booking that fills the last package of a held cycle) the order in whole packages goes to the supplier's e-mail as
/// PDF and CSV through the platform's mailer, and the cycle moves to «sent» in the same conditional step that claims the
/// mail (two closings send one mail); a mail that fails puts the cycle back to «closed» for the referents to retry. The
/// referents get the same order in their notifications. A referent may instead keep the cycle open until every package
/// fills (at most until a date): the booking that fills the last one closes it.
/// </summary>
public sealed class OrderDispatch(AppDbContext db, Cycles cycles, SupplierOrder order, Mailer mailer, NotificationService notifications, AuditLog audit,
    IWebHostEnvironment env, TimeProvider clock, ILogger<OrderDispatch> log)
{
    public enum Outcome { Mailed, NoEmail, MailFailed, Held, AlreadyDone, Invalid }
    public sealed record Result(Outcome Outcome, string? Error = null);

    /// <summary>The longest a referent may keep a cycle open waiting for its packages to fill.</summary>
    public const int MaxHoldDays = 14;

    /// <summary>
    /// Closes an open cycle and mails the order. With <paramref name="holdForPackages"/>, when some package is not full the
    /// cycle stays open until <paramref name="holdUntil"/> (the booking that fills the last package closes it); when every
    /// package is full it closes now.
    /// </summary>
    public async Task<Result> CloseAsync(OrderCycle cycle, bool holdForPackages = false, DateTime? holdUntil = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (holdForPackages && (await cycles.PerProductAsync(cycle.Id)).Any(p => p.Order.ShortfallMilli > 0))
        {
            if (holdUntil is not { } until || until <= now) return new(Outcome.Invalid, Tr.Get("La nuova chiusura deve essere nel futuro."));
            if (until > now.AddDays(MaxHoldDays)) return new(Outcome.Invalid, $"L'ordine si tiene aperto al massimo {MaxHoldDays} giorni.");
            var held = await db.GafCycles.Where(c => c.Id == cycle.Id && c.Status == CycleStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.HoldForPackages, true).SetProperty(c => c.ClosesAt, until)
                    .SetProperty(c => c.ClosingReminderAt, (DateTime?)null).SetProperty(c => c.Version, c => c.Version + 1));
            if (held == 0) return new(Outcome.AlreadyDone);
            audit.Add("gaf.cycle.held", "GafCycle", cycle.Id, $"{cycle.Title} → {RomeTime.Format(until, "d/M/yyyy HH:mm")}", cycle.NetworkId);
            await db.SaveChangesAsync();
            return new(Outcome.Held);
        }
        if ((await cycles.CloseAsync(cycle)).Outcome != Cycles.Outcome.Done) return new(Outcome.AlreadyDone);
        return await SendAsync(cycle);
    }

    /// <summary>A held cycle whose packages are all full now closes (and its order goes): called after a booking is saved.</summary>
    public async Task<Result?> CloseIfFullAsync(Guid cycleId)
    {
        var cycle = await db.GafCycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId);
        if (cycle is not { HoldForPackages: true, Status: CycleStatus.Open }) return null;
        var totals = await cycles.PerProductAsync(cycle.Id);
        if (totals.Count == 0 || totals.Any(p => p.Order.ShortfallMilli > 0)) return null;
        return await CloseAsync(cycle);
    }

    /// <summary>
    /// Sends the order of a closed cycle to the supplier (PDF and CSV attached) and moves the cycle to «sent». A supplier
    /// without an e-mail address: nothing is sent, the cycle stays closed (the referents send the PDF themselves).
    /// </summary>
    public async Task<Result> SendAsync(OrderCycle cycle)
    {
        var supplier = await db.GafSuppliers.AsNoTracking().FirstAsync(s => s.Id == cycle.SupplierId);
        if (string.IsNullOrWhiteSpace(supplier.Email)) return new(Outcome.NoEmail);
        var now = clock.GetUtcNow().UtcDateTime;
        // The claim: closed → sent, once; a twin closing (or a second click) finds it sent and mails nothing.
        var claimed = await db.GafCycles.Where(c => c.Id == cycle.Id && c.Status == CycleStatus.Closed && c.SupplierMailedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CycleStatus.Sent).SetProperty(c => c.SentAt, now).SetProperty(c => c.SupplierMailedAt, now)
                .SetProperty(c => c.Version, c => c.Version + 1));
        if (claimed == 0) return new(Outcome.AlreadyDone);

        var group = await db.GafGroups.AsNoTracking().FirstAsync(g => g.Id == cycle.GroupId);
        var network = await db.Networks.AsNoTracking().Where(n => n.Id == cycle.NetworkId).Select(n => new { n.Name, n.MailFromName, n.MailFromAddress }).FirstAsync();
        var totals = await cycles.PerProductAsync(cycle.Id);
        var fileName = $"ordine-{Text.Slug(supplier.Name)}-{cycle.DeliveryOn:yyyy-MM-dd}";
        MailAttachment[] attachments =
        [
            new($"{fileName}.pdf", "application/pdf", await order.PdfAsync(cycle, group.Name, supplier.Name, env.WebRootPath)),
            new($"{fileName}.csv", "text/csv; charset=utf-8", await order.CsvAsync(cycle)),
        ];
        var subject = $"Ordine del {group.Name} — consegna il {RomeTime.Format(cycle.DeliveryOn)}";
        var text = $"Buongiorno{(string.IsNullOrWhiteSpace(supplier.ContactName) ? "" : " " + supplier.ContactName)},\n\n" +
                   $"in allegato l'ordine del gruppo di acquisto «{group.Name}» ({network.Name}) per «{cycle.Title}»: {totals.Count} prodotti in confezioni intere, " +
                   $"valore stimato {GafRules.Euro(totals.Sum(t => t.BookedCents))}.\nConsegna il {RomeTime.Format(cycle.DeliveryOn)} a {cycle.DeliveryPlace}.\n\n" +
                   "Trovate lo stesso ordine in PDF (da stampare) e in CSV (per un foglio di calcolo). Per qualsiasi domanda rispondete ai referenti del gruppo.\n\nGrazie.";
        try
        {
            await mailer.SendAsync(new OutgoingMail(supplier.Email!, subject, MailTemplate.Text(new MailContent(subject, text) { NetworkName = network.Name }),
                MailTemplate.Html(new MailContent(subject, text) { NetworkName = network.Name }))
            {
                FromName = string.IsNullOrWhiteSpace(network.MailFromName) ? network.Name : network.MailFromName, FromAddress = network.MailFromAddress, Attachments = attachments,
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Ordine {CycleId} non inviato al fornitore {SupplierId}: l'ordine torna chiuso", cycle.Id, supplier.Id);
            await db.GafCycles.Where(c => c.Id == cycle.Id && c.Status == CycleStatus.Sent && c.SupplierMailedAt == now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CycleStatus.Closed).SetProperty(c => c.SentAt, (DateTime?)null).SetProperty(c => c.SupplierMailedAt, (DateTime?)null)
                    .SetProperty(c => c.Version, c => c.Version + 1));
            await TellReferentsAsync(cycle, group, () => (Tr.Get("Ordine non inviato: {0}", cycle.Title),
                Tr.Get("L'email a {0} ({1}) non è partita. L'ordine è chiuso: riprovate dal riepilogo o mandate il PDF a mano.", supplier.Name, supplier.Email)), []);
            return new(Outcome.MailFailed, Tr.Get("L'email al fornitore non è partita: riprovate più tardi o mandate il PDF a mano."));
        }
        audit.Add("gaf.cycle.mailed", "GafCycle", cycle.Id, $"{cycle.Title} → {supplier.Email}", cycle.NetworkId);
        await db.SaveChangesAsync();
        await TellReferentsAsync(cycle, group, () => (Tr.Get("Ordine inviato a {0}: {1}", supplier.Name, cycle.Title),
            Tr.Get("L'ordine chiuso è partito per email a {0} con il PDF e il CSV, che trovate anche in allegato.", supplier.Email)), attachments);
        return new(Outcome.Mailed);
    }

    /// <summary>Tells the group's referents, each in their language (<paramref name="compose"/> writes the subject and text in it).</summary>
    async Task TellReferentsAsync(OrderCycle cycle, PurchasingGroup group, Func<(string Subject, string Text)> compose, IReadOnlyList<MailAttachment> attachments)
    {
        var referents = await db.GafReferents.AsNoTracking().Where(r => r.GroupId == group.Id).Select(r => r.UserId).ToListAsync();
        await notifications.NotifyAsync(referents, to =>
        {
            var (subject, text) = compose();
            return new Notice(PurchasingKinds.Cycle.Key, cycle.NetworkId, to, subject, text, $"{PurchasingModule.Path}/ordini/{cycle.Id}/riepilogo")
            {
                LinkLabel = Tr.Get("Apri il riepilogo"), Attachments = attachments,
            };
        });
    }
}
