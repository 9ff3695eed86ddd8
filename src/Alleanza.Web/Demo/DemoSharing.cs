using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Sharing.Exchange;
using Alleanza.Web.Modules.Sharing.Messages;
using Alleanza.Web.Platform;
using Alleanza.Web.Platform.Data;
using Bogus;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Alleanza.Web.Demo;

/// <summary>
/// Condividi's demo: in every network a lively month of posts (Lucca's «Condividimi» the busiest), with photos, promises,
/// conversations, hand-overs confirmed at home or at a collection point, loans (one late), closed exchanges and a few posts
/// waiting for the moderators. The demo families of Portogruaro and Lucca have their own posts, a promise and unread messages.
/// Rows are added in bulk and saved once per network, so the demo still starts quickly.
/// </summary>
public static class DemoSharing
{
    sealed record Item(PostKind Kind, PostCategory Category, string Title, string Description, int? AgeFrom, int? AgeTo, string? Size = null, int? LoanDays = null);

    static readonly Item[] Items =
    [
        new(PostKind.Gift, PostCategory.Strollers, "Passeggino leggero pieghevole", "Passeggino ombrello, si chiude con una mano. Cappottina e cestino inclusi, ruote in buono stato.", 6, 36),
        new(PostKind.Loan, PostCategory.Strollers, "Trio completo per neonato", "Navicella, ovetto e passeggino: lo prestiamo per i primi mesi, poi ci torna per il fratellino in arrivo.", 0, 12, LoanDays: 120),
        new(PostKind.Gift, PostCategory.Clothes, "Body e tutine 0-3 mesi", "Una borsa di body, tutine e cappellini lavati e piegati. Colori neutri.", 0, 3, "56-62"),
        new(PostKind.Gift, PostCategory.Clothes, "Giacca invernale 4 anni", "Giacca imbottita blu con cappuccio staccabile, usata un inverno.", 36, 59, "104"),
        new(PostKind.Swap, PostCategory.Clothes, "Scambio tuta da neve 2 anni con taglia 3", "La nostra è diventata piccola: la scambiamo volentieri con una taglia più grande.", 18, 30, "92"),
        new(PostKind.Gift, PostCategory.Shoes, "Scarponcini numero 24", "Scarponcini impermeabili, suola ancora ottima. Perfetti per le passeggiate d'autunno.", 24, 36, "24"),
        new(PostKind.Request, PostCategory.Shoes, "Cerco scarpe da calcetto numero 32", "Nostro figlio ha iniziato calcetto: cerchiamo scarpe usate, anche un po' consumate.", 84, 108, "32"),
        new(PostKind.Gift, PostCategory.CarSeats, "Seggiolino auto gruppo 0+", "Ovetto con riduttore, omologato ECE R44/04. Mai incidentato, fodera lavata.", 0, 15),
        new(PostKind.Loan, PostCategory.Cots, "Lettino da campeggio", "Lettino pieghevole con materassino: lo prestiamo per vacanze e visite ai nonni.", 0, 36, LoanDays: 21),
        new(PostKind.Gift, PostCategory.Cots, "Culla in legno con materasso", "Culla a dondolo in legno chiaro, materasso sfoderabile nuovo.", 0, 6),
        new(PostKind.Gift, PostCategory.Toys, "Cucina giocattolo in legno", "Cucina con pentolini e fornelli che fanno clic. Mancano solo due cucchiai.", 24, 72),
        new(PostKind.Swap, PostCategory.Toys, "Scambio costruzioni grandi con puzzle", "Una scatola di mattoncini grandi per i più piccoli: la scambiamo con puzzle da 100 pezzi.", 18, 60),
        new(PostKind.Gift, PostCategory.Toys, "Bicicletta senza pedali", "Bici in legno per imparare l'equilibrio, sellino regolabile.", 24, 60),
        new(PostKind.Gift, PostCategory.Books, "Libri illustrati 3-6 anni", "Dieci albi illustrati in ottimo stato, tra cui classici della buonanotte.", 36, 72),
        new(PostKind.Request, PostCategory.Books, "Cerco libri di narrativa per la seconda media", "La lista della scuola è lunga: cerchiamo i romanzi consigliati, anche sottolineati.", 144, 156),
        new(PostKind.Gift, PostCategory.School, "Zaino e astuccio scuola primaria", "Zaino ergonomico e astuccio a tre piani, usati un anno.", 72, 120),
        new(PostKind.Loan, PostCategory.School, "Calcolatrice scientifica", "La prestiamo per l'anno scolastico: modello consigliato per la scuola secondaria.", 132, 216, LoanDays: 200),
        new(PostKind.Gift, PostCategory.Babysitting, "Scambio di babysitting il sabato sera", "Due mamme del quartiere: teniamo i vostri bimbi un sabato, voi i nostri il successivo.", 24, 120),
        new(PostKind.Request, PostCategory.Lifts, "Passaggio per la piscina il martedì", "Cerchiamo una famiglia con cui alternarci per portare i bambini in piscina alle 17.", 72, 144),
        new(PostKind.Gift, PostCategory.Lifts, "Passaggi per la scuola media", "Facciamo la strada ogni mattina alle 7.40: due posti liberi in auto.", 132, 168),
        new(PostKind.Gift, PostCategory.Homework, "Aiuto compiti di matematica", "Papà ingegnere in pensione aiuta con la matematica delle medie, un pomeriggio a settimana.", 132, 168),
        new(PostKind.Gift, PostCategory.Tickets, "Due biglietti per il teatro dei ragazzi", "Non possiamo andare domenica: li regaliamo a una famiglia con bambini dai 5 anni.", 60, 144),
        new(PostKind.Request, PostCategory.Outings, "Cerco compagnia per una gita al parco avventura", "Organizziamo una gita di un giorno: cerchiamo altre famiglie per dividere le spese dell'auto.", 84, 168),
        new(PostKind.Gift, PostCategory.Clothes, "Costume di carnevale da leone", "Costume morbido con criniera, taglia 3-4 anni.", 36, 48, "98-104"),
        new(PostKind.Gift, PostCategory.Toys, "Tappeto gioco con archetto", "Palestrina per neonati con sonaglini, lavabile.", 0, 9),
        new(PostKind.Gift, PostCategory.Clothes, "Pigiami 18-24 mesi", "Cinque pigiami di cotone, alcuni con i piedini. Lavati e stirati.", 18, 24, "86-92"),
        new(PostKind.Loan, PostCategory.Strollers, "Marsupio ergonomico", "Marsupio con supporto lombare, dai 3,5 kg: lo prestiamo per provarlo prima di comprarne uno.", 0, 24, LoanDays: 30),
        new(PostKind.Gift, PostCategory.Shoes, "Stivali da pioggia numero 27", "Stivali di gomma gialli, un po' graffiati ma senza buchi.", 48, 72, "27"),
        new(PostKind.Request, PostCategory.Cots, "Cerco sponde per il letto", "Nostra figlia passa al letto grande: cerchiamo una sponda anticaduta.", 18, 48),
        new(PostKind.Gift, PostCategory.Toys, "Trenino di legno con binari", "Binari, ponte e tre locomotive calamitate. Compatibile con le marche più diffuse.", 24, 84),
        new(PostKind.Swap, PostCategory.Books, "Scambio fumetti per ragazzi", "Abbiamo una pila di fumetti letti e riletti: li scambiamo con altri.", 96, 168),
        new(PostKind.Gift, PostCategory.School, "Grembiule scuola primaria taglia 8 anni", "Grembiule blu con colletto bianco, usato un anno.", 84, 108, "128"),
        new(PostKind.Request, PostCategory.Homework, "Cerco aiuto per l'inglese, terza media", "Cerchiamo uno studente o un genitore che possa ripassare l'inglese per l'esame.", 156, 168),
        new(PostKind.Gift, PostCategory.Outings, "Posto in auto per la gita al mare di domenica", "Andiamo al mare domenica: due posti liberi e seggiolini già montati.", 36, 144),
        new(PostKind.Loan, PostCategory.Toys, "Piscina gonfiabile per il giardino", "Piscina rotonda da due metri con pompa: la prestiamo per l'estate.", 24, 120, LoanDays: 60),
        new(PostKind.Gift, PostCategory.Clothes, "Tuta da sci 6 anni", "Tuta intera rossa, impermeabile, usata una settimana bianca.", 60, 84, "116"),
        new(PostKind.Request, PostCategory.Strollers, "Cerco passeggino gemellare", "In arrivo due gemelli: cerchiamo un passeggino doppio, anche in prestito.", 0, 36),
    ];

    static readonly string[] Areas = ["centro", "zona stazione", "quartiere nord", "vicino alle scuole", "frazione", "zona ospedale", "periferia sud"];
    static readonly string[] Openers = ["Ciao! Ci interessa molto, è ancora disponibile?", "Buongiorno, sarebbe perfetto per nostra figlia.", "Salve, possiamo passare a prenderlo?", "Ciao, noi ci siamo! Quando vi va bene?"];
    static readonly string[] Replies = ["Certo, è vostro. Va bene sabato mattina?", "Sì! Possiamo vederci al punto di raccolta.", "Perfetto, vi scrivo appena rientro dal lavoro.", "Va benissimo, portate una borsa grande."];
    static readonly string[] Thanks = ["Grazie mille, ai bambini è piaciuto tantissimo!", "Tutto a posto, grazie ancora.", "Grazie, ci vediamo alla prossima!"];

    public static async Task AddAsync(AppDbContext db, IReadOnlyDictionary<string, AllianceNetwork> networks, IReadOnlyDictionary<string, List<Partner>> partners, Faker faker, DateTime now)
    {
        var pictures = Items.Select(i => i.Category).Distinct().ToDictionary(c => c, Picture);
        foreach (var (slug, network) in networks)
        {
            db.SharingSettings.Add(new SharingSettings { NetworkId = network.Id, WatchWords = "vendo\nprezzo\neuro", UpdatedAt = now });
            var points = partners[slug].Where(p => p.Kind is PartnerKind.FamilyAssociation or PartnerKind.School).Take(3).ToList();
            foreach (var p in points) db.SharingCollectionPoints.Add(new CollectionPoint { PartnerId = p.Id, NetworkId = network.Id, Hours = faker.PickRandom("Lun-ven 16-18", "Mar e gio 17-19", "Sabato 9-12"), Since = now.AddDays(-60) });

            var households = await db.Households.AsNoTracking().Where(h => h.NetworkId == network.Id && h.OwnerUserId != null)
                .Select(h => new { Owner = h.OwnerUserId!.Value, h.ComuneId, Email = db.Users.Where(u => u.Id == h.OwnerUserId).Select(u => u.Email).First() }).ToListAsync();
            if (households.Count < 4) continue;
            var demoFamily = households.FirstOrDefault(h => h.Email!.EndsWith(".demo") && h.Email.StartsWith("famiglia@"));
            var others = households.Where(h => h != demoFamily).ToList();
            var count = slug == "lucca" ? 70 : 36;
            var today = DateOnly.FromDateTime(now.ToRome());
            for (var i = 0; i < count; i++)
            {
                var item = Items[i % Items.Length];
                var ownerRow = i < 3 && demoFamily is not null ? demoFamily : others[faker.Random.Int(0, others.Count - 1)];
                var takerRow = (i == 3 && demoFamily is not null) ? demoFamily : others.Where(o => o.Owner != ownerRow.Owner).ElementAt(faker.Random.Int(0, others.Count - 2));
                var created = now.AddDays(-faker.Random.Double(0.2, 30)).AddMinutes(-i);
                var roll = i < 4 ? new[] { 0.6, 0.1, 0.9, 0.6 }[i] : faker.Random.Double();
                // Published 50%, promised 15%, handed over or closed 30%, waiting for moderation 5%.
                var status = roll < 0.5 ? PostStatus.Published : roll < 0.65 ? PostStatus.Promised : roll < 0.95 ? PostStatus.Closed : PostStatus.Moderation;
                if (item.Kind == PostKind.Loan && status == PostStatus.Closed && faker.Random.Bool(0.5f)) status = PostStatus.HandedOver;
                var point = points.Count > 0 && faker.Random.Bool(0.35f) ? points[faker.Random.Int(0, points.Count - 1)] : null;
                var post = new SharingPost
                {
                    Id = Guid.NewGuid(), NetworkId = network.Id, OwnerUserId = ownerRow.Owner, Kind = item.Kind, Category = item.Category,
                    Title = item.Title, Description = item.Description, SearchText = SharingPost.SearchKeyOf(item.Title, item.Description), AgeFromMonths = item.AgeFrom, AgeToMonths = item.AgeTo, Size = item.Size,
                    Condition = ExchangeRules.IsGoods(item.Category) && item.Kind != PostKind.Request ? faker.PickRandom(ItemCondition.LikeNew, ItemCondition.Good, ItemCondition.Used) : null,
                    ComuneId = ownerRow.ComuneId, Area = faker.PickRandom(Areas), HandOver = point is null ? HandOverMode.AtHome : HandOverMode.CollectionPoint, CollectionPointId = point?.Id,
                    Availability = faker.PickRandom("il sabato mattina", "dopo le 18", "nei giorni feriali", null), Quantity = 1, LoanDays = item.LoanDays,
                    Homologation = item.Category == PostCategory.CarSeats ? "R44/04" : null, ManufactureYear = item.Category == PostCategory.CarSeats ? today.Year - 3 : null,
                    Status = status, CreatedAt = created, PublishedAt = status == PostStatus.Moderation ? null : created, ExpiresAt = created.AddDays(30),
                    ModerationReason = status == PostStatus.Moderation ? "prima pubblicazione di una famiglia nuova" : null,
                };
                if (status is PostStatus.Promised or PostStatus.HandedOver or PostStatus.Closed)
                {
                    post.PromisedToUserId = takerRow.Owner;
                    post.PromisedAt = created.AddHours(faker.Random.Double(1, 30));
                    var conversation = new Conversation
                    {
                        Id = Guid.NewGuid(), NetworkId = network.Id, TopicKind = Conversations.ExchangeTopic, TopicId = post.Id,
                        StarterUserId = takerRow.Owner, OtherUserId = ownerRow.Owner, CreatedAt = post.PromisedAt.Value, LastMessageAt = post.PromisedAt.Value,
                        StarterReadAt = post.PromisedAt.Value, OtherReadAt = i == 0 ? null : post.PromisedAt.Value.AddHours(2),
                    };
                    var lines = new List<(Guid Author, string Text)> { (takerRow.Owner, faker.PickRandom(Openers)), (ownerRow.Owner, faker.PickRandom(Replies)) };
                    if (status != PostStatus.Promised)
                    {
                        var handed = post.PromisedAt.Value.AddDays(faker.Random.Double(0.5, 3));
                        if (handed > now) handed = now.AddHours(-1);
                        post.OwnerConfirmedAt = post.TakerConfirmedAt = post.HandedOverAt = handed;
                        conversation.AgreedAt = handed;
                        conversation.AgreedPlace = point?.Name ?? "davanti alla biblioteca";
                        if (item.Kind == PostKind.Loan && item.LoanDays is { } days)
                            post.DueOn = status == PostStatus.HandedOver && i % 2 == 0 ? today.AddDays(-2) : DateOnly.FromDateTime(handed.ToRome()).AddDays(days);
                        if (status == PostStatus.Closed)
                        {
                            post.ClosedAt = handed.AddDays(1) < now ? handed.AddDays(1) : now;
                            post.Outcome = faker.Random.Double() switch { < 0.8 => ExchangeOutcome.Good, < 0.93 => ExchangeOutcome.SoSo, _ => ExchangeOutcome.Bad };
                            if (item.Kind == PostKind.Loan) post.ReturnedAt = post.ClosedAt;
                            lines.Add((takerRow.Owner, faker.PickRandom(Thanks)));
                        }
                    }
                    var at = conversation.CreatedAt;
                    foreach (var (author, text) in lines)
                    {
                        db.ConversationMessages.Add(new ConversationMessage { Id = Guid.NewGuid(), ConversationId = conversation.Id, AuthorUserId = author, Text = text, CreatedAt = at });
                        conversation.LastMessageAt = at;
                        at = at.AddMinutes(faker.Random.Int(5, 240));
                        if (at > now) at = now.AddMinutes(-1);
                    }
                    if (i == 0) conversation.OtherReadAt = null; // the demo family has an unread message
                    else conversation.OtherReadAt = conversation.StarterReadAt = conversation.LastMessageAt;
                    db.Conversations.Add(conversation);
                }
                if (i % 3 == 0 && ExchangeRules.IsGoods(item.Category))
                {
                    var (content, width, height, thumb) = pictures[item.Category];
                    var photo = new SharingPhoto { Id = Guid.NewGuid(), PostId = post.Id, Position = 0, Width = width, Height = height, Content = content, Thumbnail = thumb, CreatedAt = created };
                    post.CoverPhotoId = photo.Id;
                    db.SharingPhotos.Add(photo);
                }
                db.SharingPosts.Add(post);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A simple drawn picture per category (a coloured board with a shape), re-encoded like an upload.</summary>
    static (byte[] Content, int Width, int Height, byte[] Thumbnail) Picture(PostCategory category)
    {
        var hue = (int)category * 37 % 360;
        using var bitmap = new SKBitmap(800, 600);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColor.FromHsl(hue, 55, 80));
            using var paint = new SKPaint { IsAntialias = true, Color = SKColor.FromHsl((hue + 180) % 360, 60, 45) };
            using var soft = new SKPaint { IsAntialias = true, Color = SKColors.White.WithAlpha(120) };
            canvas.DrawCircle(620, 130, 90, soft);
            switch ((int)category % 3)
            {
                case 0: canvas.DrawRoundRect(new SKRoundRect(new SKRect(220, 200, 580, 480), 40), paint); break;
                case 1: canvas.DrawCircle(400, 340, 150, paint); break;
                default:
                    using (var path = new SKPath())
                    {
                        path.MoveTo(400, 160); path.LineTo(600, 480); path.LineTo(200, 480); path.Close();
                        canvas.DrawPath(path, paint);
                    }
                    break;
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        var (photo, _) = PostPhotos.Process(data.ToArray());
        return (photo!.Content, photo.Width, photo.Height, photo.Thumbnail);
    }
}
