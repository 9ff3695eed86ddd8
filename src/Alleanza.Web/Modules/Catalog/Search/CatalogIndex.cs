namespace Alleanza.Web.Modules.Catalog.Search;

/// <summary>A date of an opportunity as the search needs it (places are kept current through the change journal).</summary>
public sealed record IndexedSession(Guid Id, DateTime StartsAt, DateTime? EndsAt, int? Capacity, int Taken, bool RegistrationOpen)
{
    /// <summary>As <see cref="OpportunitySession.PlacesLeft"/>: null when there is no limit.</summary>
    public int? PlacesLeft => Capacity is { } c ? Math.Max(0, c - Taken) : null;
    public bool HasPlaces => RegistrationOpen && PlacesLeft is not 0;
}

public sealed record IndexedPlace(string Name, string? Address, double? Latitude, double? Longitude);

/// <summary>A published opportunity as the search keeps it in memory: what the filters, the orders and a result row need.</summary>
public sealed class IndexedOpportunity
{
    public required Guid Id { get; init; }
    public required Guid PartnerId { get; init; }
    public required Guid AreaId { get; init; }
    public required OpportunityKind Kind { get; init; }
    public required string Title { get; init; }
    /// <summary>The first words of the description (<see cref="OpportunitySearch.Summarize"/>), computed once.</summary>
    public required string Summary { get; init; }
    /// <summary>Lower-case categories, for the category filter (a substring, as the form always meant it).</summary>
    public string? CategoriesLower { get; init; }
    public int? AgeFromMonths { get; init; }
    public int? AgeToMonths { get; init; }
    public CostKind Cost { get; init; }
    public decimal? Price { get; init; }
    public decimal? ReducedPrice { get; init; }
    public DateTime? PublishedAt { get; init; }
    public Guid[] Comuni { get; init; } = [];
    /// <summary>By start.</summary>
    public IndexedSession[] Sessions { get; init; } = [];
    /// <summary>By name (ordinal), so the first is the one a result row shows.</summary>
    public IndexedPlace[] Places { get; init; } = [];
    /// <summary>Tells whether the words changed (then the postings are rebuilt) or only dates, places or fields.</summary>
    public required long TextHash { get; init; }

    public IndexedSession? NextSession(DateTime now)
    {
        foreach (var s in Sessions) if (s.StartsAt >= now) return s;
        return null;
    }
}

/// <summary>The searchable words of an opportunity, accent-free and lower-case: the title (weighs three times) and the body.</summary>
public sealed record IndexedText(string Title, string Body)
{
    /// <summary>A 64-bit fingerprint of the words, to tell whether they changed (within one process).</summary>
    public long Hash => ((long)Title.GetHashCode(StringComparison.Ordinal) << 32) ^ (uint)Body.GetHashCode(StringComparison.Ordinal);
}

/// <summary>A network's Comuni (by name), areas (in their order) and partners' names, as the search shows them.</summary>
public sealed record NetworkNames(IReadOnlyList<(Guid Id, string Name)> Comuni, IReadOnlyList<NetworkArea> Areas, IReadOnlyDictionary<Guid, string> Partners)
{
    public static readonly NetworkNames None = new([], [], new Dictionary<Guid, string>());

    /// <summary>The area with this code (as URLs name it), or null when there is none.</summary>
    public Guid? AreaIdOf(string? code) => string.IsNullOrEmpty(code) ? null : Areas.FirstOrDefault(a => a.Code == code)?.Id;

    string? comuneOptions;

    /// <summary>
    /// The Comuni as HTML options, encoded once: a region's search page lists a thousand of them on every request.
    /// The chosen one is marked by inserting <c>selected</c> after its value.
    /// </summary>
    public string ComuneOptions(Guid? selected)
    {
        var html = comuneOptions ??= string.Concat(Comuni.Select(c =>
            $"<option value=\"{c.Id:D}\">{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(c.Name)}</option>"));
        return selected is { } id ? html.Replace($"<option value=\"{id:D}\">", $"<option value=\"{id:D}\" selected>", StringComparison.Ordinal) : html;
    }
}

/// <summary>The page of a search: the rows in order and how many matched.</summary>
public sealed record IndexPage(IReadOnlyList<IndexedOpportunity> Rows, int Total, int Page);

/// <summary>An opportunity that matches some of the words of a search: how many of them.</summary>
public sealed record PartialMatch(IndexedOpportunity Opportunity, int Words);

/// <summary>
/// The published catalogue of one network in memory: an inverted index of accent-free words (title words count three
/// times, as in the SQLite FTS5 table) ranked with BM25 as FTS5 computes it, plus everything the filters and orders
/// read. A search touches no database and costs microseconds to a millisecond at 100,000 opportunities, where the
/// same search in SQL cost 100–300 ms (bench/README.md). Query words are stemmed and matched as prefixes
/// (<see cref="SearchTerms"/>): "nuoto" finds "nuoto" and "nuotare", "attivita" finds "attività".
/// Reads run in parallel; changes take the lock for the time of the change.
/// </summary>
public sealed class CatalogIndex
{
    const double K1 = 1.2, B = 0.75, TitleWeight = 3.0;

    sealed class Postings
    {
        public int[] Docs = new int[2];
        public float[] Freqs = new float[2];
        public int Count;

        public void Add(int doc, float freq)
        {
            if (Count == Docs.Length)
            {
                Array.Resize(ref Docs, Count * 2);
                Array.Resize(ref Freqs, Count * 2);
            }
            Docs[Count] = doc;
            Freqs[Count++] = freq;
        }
    }

    /// <summary>
    /// What the filters and the orders read most, per ordinal, in one contiguous array: a broad word matches tens of
    /// thousands of opportunities, and reading these from the objects cost a cache miss each (bench/README.md).
    /// </summary>
    struct Facts
    {
        public Guid Area;
        public long Published;
        public int AgeFrom, AgeTo, Length;
        public CostKind Cost;
        public bool Alive;
    }

    readonly ReaderWriterLockSlim gate = new();
    // Ordinal → opportunity (null once removed or re-indexed: the postings keep the old ordinal until compaction).
    readonly List<IndexedOpportunity?> docs = [];
    Facts[] facts = new Facts[16];
    readonly Dictionary<Guid, int> ordinals = [];
    // Comune → ordinals of the opportunities that name it, and under NetworkWide those that name none (they serve every
    // Comune: ComuneScope); removed ones stay until compaction, Alive tells.
    readonly Dictionary<Guid, List<int>> comuneDocs = [];
    static readonly Guid NetworkWide = Guid.Empty;
    readonly Dictionary<string, Postings> postings = new(StringComparer.Ordinal);
    // The words, sorted, for prefix lookups.
    readonly List<string> vocabulary = [];
    long totalLength;
    int dead;

    /// <summary>The names the search page and its rows show (replaced whole when one of them changes).</summary>
    public NetworkNames Names { get; set; } = NetworkNames.None;

    IReadOnlyDictionary<string, string[][]> synonyms = new Dictionary<string, string[][]>();

    /// <summary>
    /// The network's synonyms: a query word (accent-free, lower-case) → what it also means, each alternative one or more
    /// words (<see cref="SearchTerms.Alternatives"/>). A query word then matches its own words or any alternative (all of
    /// an alternative's words).
    /// </summary>
    public IReadOnlyDictionary<string, string[][]> Synonyms
    {
        get => synonyms;
        set { synonyms = value; alternatives.Clear(); }
    }

    public int Count
    {
        get { gate.EnterReadLock(); try { return ordinals.Count; } finally { gate.ExitReadLock(); } }
    }

    /// <summary>Adds or replaces these opportunities and removes those ids (unpublished, deleted), in one change.</summary>
    public void Apply(IEnumerable<(IndexedOpportunity Opportunity, IndexedText Text)> upserts, IEnumerable<Guid> removals)
    {
        gate.EnterWriteLock();
        try
        {
            foreach (var id in removals) Remove(id);
            var newWords = new List<string>();
            foreach (var (o, text) in upserts)
            {
                if (ordinals.TryGetValue(o.Id, out var at) && docs[at]!.TextHash == o.TextHash)
                {
                    // Same words: dates, places or other fields changed.
                    if (!docs[at]!.Comuni.AsSpan().SequenceEqual(o.Comuni))
                    {
                        foreach (var c in ComuneKeys(docs[at]!)) comuneDocs.GetValueOrDefault(c)?.Remove(at);
                        ListComuni(at, o);
                    }
                    docs[at] = o;
                    facts[at] = FactsOf(o, facts[at].Length);
                    continue;
                }
                Remove(o.Id);
                Add(o, text, newWords);
            }
            // Many new words (a load): sort once; a few: insert each in place.
            if (newWords.Count > 64) { vocabulary.AddRange(newWords); vocabulary.Sort(StringComparer.Ordinal); }
            else foreach (var word in newWords) vocabulary.Insert(~vocabulary.BinarySearch(word, StringComparer.Ordinal), word);
            if (dead > 1000 && dead > ordinals.Count / 4) Compact();
        }
        finally { gate.ExitWriteLock(); }
    }

    /// <summary>The lists of <see cref="comuneDocs"/> an opportunity is in: its Comuni, or the network-wide one.</summary>
    static Guid[] ComuneKeys(IndexedOpportunity o) => ComuneScope.IsNetworkWide(o.Comuni) ? [NetworkWide] : o.Comuni;

    void ListComuni(int at, IndexedOpportunity o)
    {
        foreach (var c in ComuneKeys(o))
        {
            if (!comuneDocs.TryGetValue(c, out var list)) comuneDocs[c] = list = [];
            list.Add(at);
        }
    }

    static Facts FactsOf(IndexedOpportunity o, int length) => new()
    {
        Area = o.AreaId, Published = o.PublishedAt?.Ticks ?? 0, AgeFrom = o.AgeFromMonths ?? int.MinValue, AgeTo = o.AgeToMonths ?? int.MaxValue,
        Length = length, Cost = o.Cost, Alive = true,
    };

    /// <summary>Drops everything (before the network is loaded again from the database).</summary>
    public void Clear()
    {
        gate.EnterWriteLock();
        try
        {
            docs.Clear(); ordinals.Clear(); postings.Clear(); vocabulary.Clear(); comuneDocs.Clear(); distinctByPrefix.Clear(); alternatives.Clear();
            facts = new Facts[16];
            totalLength = 0; dead = 0;
        }
        finally { gate.ExitWriteLock(); }
    }

    void Remove(Guid id)
    {
        if (!ordinals.Remove(id, out var at)) return;
        totalLength -= facts[at].Length;
        docs[at] = null;
        facts[at].Alive = false;
        dead++;
        Forget();
    }

    /// <summary>Indexes the words of a new opportunity; words never seen before are added to <paramref name="newWords"/>.</summary>
    void Add(IndexedOpportunity o, IndexedText text, List<string> newWords)
    {
        var at = docs.Count;
        docs.Add(o);
        ordinals[o.Id] = at;
        var freqs = new Dictionary<string, float>(StringComparer.Ordinal);
        var length = CountWords(text.Title, TitleWeight, freqs) + CountWords(text.Body, 1.0, freqs);
        if (at == facts.Length) Array.Resize(ref facts, facts.Length * 2);
        facts[at] = FactsOf(o, length);
        totalLength += length;
        ListComuni(at, o);
        Forget();
        foreach (var (word, freq) in freqs)
        {
            if (!postings.TryGetValue(word, out var list))
            {
                postings[word] = list = new Postings();
                newWords.Add(word);
            }
            list.Add(at, freq);
        }
    }

    /// <summary>Words of an accent-free text, counted with a weight; returns how many words it has.</summary>
    static int CountWords(string text, double weight, Dictionary<string, float> freqs)
    {
        var n = 0;
        foreach (var word in SearchTerms.Words(text))
        {
            freqs[word] = freqs.GetValueOrDefault(word) + (float)weight;
            n++;
        }
        return n;
    }

    /// <summary>Rewrites the postings without the removed ordinals (after many changes of words).</summary>
    void Compact()
    {
        var map = new int[docs.Count];
        var kept = new List<IndexedOpportunity?>(ordinals.Count);
        var keptFacts = new Facts[Math.Max(16, ordinals.Count * 2)];
        for (var i = 0; i < docs.Count; i++)
        {
            if (docs[i] is null) { map[i] = -1; continue; }
            map[i] = kept.Count;
            keptFacts[kept.Count] = facts[i];
            kept.Add(docs[i]);
        }
        foreach (var (word, list) in postings.ToList())
        {
            var n = 0;
            for (var i = 0; i < list.Count; i++)
                if (map[list.Docs[i]] >= 0)
                {
                    list.Docs[n] = map[list.Docs[i]];
                    list.Freqs[n++] = list.Freqs[i];
                }
            list.Count = n;
            if (n == 0) postings.Remove(word);
        }
        vocabulary.RemoveAll(w => !postings.ContainsKey(w));
        docs.Clear(); docs.AddRange(kept);
        facts = keptFacts;
        ordinals.Clear();
        comuneDocs.Clear();
        for (var i = 0; i < kept.Count; i++)
        {
            ordinals[kept[i]!.Id] = i;
            ListComuni(i, kept[i]!);
        }
        dead = 0;
    }

    // Per-thread scratch arrays, stamped per search so they never need clearing (and no search allocates large arrays).
    [ThreadStatic] static Scratch? scratch;

    sealed class Scratch
    {
        public int[] Matched = [];
        public int[] SeenInTerm = [];
        public float[] Freq = [];
        public double[] Score = [];
        public int[] Hits = [];
        public int[] Candidates = [];
        public int Stamp;

        public int Begin(int size)
        {
            if (Matched.Length < size)
            {
                var n = Math.Max(size, Matched.Length * 2);
                Matched = new int[n]; SeenInTerm = new int[n]; Freq = new float[n]; Score = new double[n]; Hits = new int[n]; Candidates = new int[n];
                Stamp = 0;
            }
            // 32 stamps per search: the start, one per term (at most 8) for the matching and one per term for counting its documents.
            if (Stamp > int.MaxValue - 64) { Array.Clear(Matched); Array.Clear(SeenInTerm); Stamp = 0; }
            Stamp += 32;
            return Stamp;
        }
    }

    /// <summary>The matching opportunities in order: the page asked for (rows) and the count of all.</summary>
    public IndexPage Search(SearchRequest r, DateTime now)
    {
        var size = Math.Max(1, r.PageSize);
        gate.EnterReadLock();
        try
        {
            var s = scratch ??= new Scratch();
            var total = Matching(r, now, s, out var ranked);
            var page = Math.Max(1, Math.Min(r.Page, Math.Max(1, (total + size - 1) / size)));
            var top = Top(s.Candidates, total, ranked ? s.Score : null, r, now, page * size);
            var onPage = top.Skip((page - 1) * size).Take(size).ToList();
            return new IndexPage(onPage.Select(d => docs[d]!).ToList(), total, page);
        }
        finally { gate.ExitReadLock(); }
    }

    /// <summary>Every matching opportunity, unordered (for calendar feeds).</summary>
    public List<IndexedOpportunity> All(SearchRequest r, DateTime now)
    {
        gate.EnterReadLock();
        try
        {
            var s = scratch ??= new Scratch();
            var count = Matching(r, now, s, out _);
            return s.Candidates.Take(count).Select(i => docs[i]!).ToList();
        }
        finally { gate.ExitReadLock(); }
    }

    /// <summary>
    /// The second chance of a search of several words that found little: the opportunities (through the same filters)
    /// that match some of the words but not all, most words first, then by rank; at most <paramref name="max"/>.
    /// Reads every posting of the words, so it is meant to run only after the strict search found few rows.
    /// </summary>
    public List<PartialMatch> SearchSome(SearchRequest r, DateTime now, int max)
    {
        var words = SearchTerms.Of(r.Text);
        gate.EnterReadLock();
        try
        {
            var s = scratch ??= new Scratch();
            var stamp = s.Begin(docs.Count);
            var terms = TermsOf(words, s, stamp + 16);
            if (terms.Count < 2) return [];
            var filter = new Filter(r, now);
            var liveDocs = Math.Max(1, ordinals.Count);
            var averageLength = Math.Max(1.0, (double)totalLength / liveDocs);
            var hits = 0;
            // Matched: stamp = seen and through the cheap filters, stamp + 9 = seen and filtered out; SeenInTerm: counted for this term.
            for (var t = 0; t < terms.Count; t++)
            {
                var idf = Math.Max(1e-6, Math.Log((liveDocs - terms[t].Distinct + 0.5) / (terms[t].Distinct + 0.5)));
                var termStamp = stamp + 1 + t;
                foreach (var list in terms[t].Lists)
                    for (var p = 0; p < list.Count; p++)
                    {
                        var d = list.Docs[p];
                        if (s.Matched[d] == stamp + 9) continue;
                        if (s.Matched[d] != stamp)
                        {
                            if (!facts[d].Alive || !PassesFacts(d, in filter)) { s.Matched[d] = stamp + 9; continue; }
                            s.Matched[d] = stamp;
                            s.Freq[d] = 0;
                            s.Score[d] = 0;
                            s.Hits[hits++] = d;
                        }
                        if (s.SeenInTerm[d] != termStamp)
                        {
                            s.SeenInTerm[d] = termStamp;
                            s.Freq[d]++;
                        }
                        var tf = list.Freqs[p];
                        s.Score[d] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * facts[d].Length / averageLength));
                    }
            }
            var best = new PriorityQueue<int, (float Words, double Score)>(Comparer<(float Words, double Score)>.Create((a, b) =>
                a.Words != b.Words ? a.Words.CompareTo(b.Words) : a.Score.CompareTo(b.Score)));
            for (var h = 0; h < hits; h++)
            {
                var d = s.Hits[h];
                if (s.Freq[d] >= terms.Count || !Passes(d, in filter)) continue;
                var key = (s.Freq[d], s.Score[d]);
                if (best.Count < max) best.Enqueue(d, key);
                else if (best.TryPeek(out _, out var worst) && (key.Item1 > worst.Words || key.Item1 == worst.Words && key.Item2 > worst.Score)) best.DequeueEnqueue(d, key);
            }
            var rows = new List<PartialMatch>(best.Count);
            while (best.TryDequeue(out var d, out var k)) rows.Add(new PartialMatch(docs[d]!, (int)k.Words));
            rows.Reverse();
            return rows;
        }
        finally { gate.ExitReadLock(); }
    }

    /// <summary>
    /// "Forse cercavi": the query's words with each one that finds nothing in the catalogue replaced by the closest word
    /// of the catalogue (at most one typing mistake in a short word, two in a longer one; the more common word wins a tie).
    /// Null when no word needs it or none has a close word. Reads the vocabulary once per word that finds nothing.
    /// </summary>
    public string? Suggest(string? text)
    {
        var words = SearchTerms.Of(text);
        if (words.Count == 0) return null;
        gate.EnterReadLock();
        try
        {
            var s = scratch ??= new Scratch();
            var stamp = s.Begin(docs.Count);
            var changed = false;
            var result = new List<string>(words.Count);
            var terms = TermsOf(words, s, stamp + 16);
            foreach (var word in words)
            {
                var term = terms.First(t => t.Key == SearchTerms.Stem(word) || t.Key.StartsWith(SearchTerms.Stem(word) + "|", StringComparison.Ordinal));
                if (term.Distinct > 0 || word.Length < 3 || word.Any(char.IsDigit)) { result.Add(word); continue; }
                var limit = word.Length <= 4 ? 1 : 2;
                string? closest = null;
                int closestDistance = int.MaxValue, closestCount = 0;
                foreach (var candidate in vocabulary)
                {
                    if (Math.Abs(candidate.Length - word.Length) > limit || candidate.Length < 3) continue;
                    var distance = SearchTerms.Distance(word, candidate, Math.Min(limit, closestDistance));
                    if (distance > limit) continue;
                    var count = postings[candidate].Count;
                    if (distance < closestDistance || distance == closestDistance && count > closestCount)
                        (closest, closestDistance, closestCount) = (candidate, distance, count);
                }
                if (closest is null) { result.Add(word); continue; }
                result.Add(closest);
                changed = true;
            }
            return changed ? string.Join(' ', result) : null;
        }
        finally { gate.ExitReadLock(); }
    }

    /// <summary>The filters of a request, resolved once before the loop over the candidates.</summary>
    readonly struct Filter(SearchRequest r, DateTime now)
    {
        public readonly Guid? Area = r.AreaId;
        public readonly int AgeLow = (r.AgeYears ?? 0) * 12, AgeHigh = (r.AgeYears ?? 0) * 12 + 11;
        public readonly bool ByAge = r.AgeYears is not null, FreeOnly = r.FreeOnly;
        public readonly Guid? Partner = r.PartnerId, Comune = r.ComuneId;
        public readonly string? Category = string.IsNullOrWhiteSpace(r.Category) ? null : r.Category.Trim().ToLowerInvariant();
        public readonly bool ByDates = r.From is not null || r.To is not null, WithPlaces = r.WithPlaces;
        public readonly DateTime Start = r.From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) ?? now;
        public readonly DateTime End = r.To?.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc) ?? DateTime.MaxValue;
        public readonly DateTime Now = now;
        // Whatever the facts do not hold is read from the opportunity itself.
        public bool ByObject => Partner is not null || Comune is not null || Category is not null || ByDates || WithPlaces;
    }

    /// <summary>
    /// Puts the ordinals of the opportunities that pass the text and the filters in <see cref="Scratch.Candidates"/> and
    /// returns how many; with text, their BM25 rank is in <see cref="Scratch.Score"/>.
    /// Two ways in, whichever reads less: the words' postings (rarest word first, the cheap filters applied to the first
    /// word's documents before anything else), or, when a Comune is asked for and it has fewer opportunities than the
    /// rarest word, that Comune's opportunities, each looked up in the words' postings.
    /// </summary>
    int Matching(SearchRequest r, DateTime now, Scratch s, out bool ranked)
    {
        var filter = new Filter(r, now);
        var stamp = s.Begin(docs.Count);
        var count = 0;
        var words = SearchTerms.Of(r.Text);
        ranked = words.Count > 0;
        if (!ranked)
        {
            for (var i = 0; i < docs.Count; i++)
                if (facts[i].Alive && Passes(i, in filter)) s.Candidates[count++] = i;
            return count;
        }

        // Each term: the postings of the words it is a prefix of (and of its synonyms), and how many documents hold one of them (for its idf).
        var terms = TermsOf(words, s, stamp + 16).OrderBy(t => t.Distinct).ToList();
        if (terms[0].Distinct == 0) return 0;
        var liveDocs = Math.Max(1, ordinals.Count);
        var averageLength = Math.Max(1.0, (double)totalLength / liveDocs);
        var idf = terms.Select(t => Math.Max(1e-6, Math.Log((liveDocs - t.Distinct + 0.5) / (t.Distinct + 0.5)))).ToArray();
        double Bm25(int d, double tf, int t) => idf[t] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * facts[d].Length / averageLength));

        if (r.ComuneId is { } comune && comuneDocs.TryGetValue(comune, out var inComune)
            && inComune.Count + (comuneDocs.GetValueOrDefault(NetworkWide)?.Count ?? 0) < terms[0].Distinct)
        {
            foreach (var d in inComune.Concat(comuneDocs.GetValueOrDefault(NetworkWide) ?? []))
            {
                if (!facts[d].Alive || !PassesFacts(d, in filter)) continue;
                double score = 0;
                var all = true;
                for (var t = 0; t < terms.Count && all; t++)
                {
                    double tf = 0;
                    foreach (var list in terms[t].Lists)
                    {
                        var at = Array.BinarySearch(list.Docs, 0, list.Count, d);
                        if (at >= 0) tf += list.Freqs[at];
                    }
                    if (tf == 0) all = false;
                    else score += Bm25(d, tf, t);
                }
                if (!all || !Passes(d, in filter)) continue;
                s.Score[d] = score;
                s.Candidates[count++] = d;
            }
            return count;
        }

        var hits = 0;
        for (var t = 0; t < terms.Count; t++)
        {
            var termStamp = stamp + 1 + t;
            hits = 0;
            foreach (var list in terms[t].Lists)
                for (var p = 0; p < list.Count; p++)
                {
                    var d = list.Docs[p];
                    if (t == 0)
                    {
                        // The first (rarest) term decides who is in: alive and through the cheap filters.
                        if (s.Matched[d] != termStamp)
                        {
                            if (!facts[d].Alive || !PassesFacts(d, in filter)) continue;
                            s.Matched[d] = termStamp;
                            s.Freq[d] = 0;
                            s.Hits[hits++] = d;
                        }
                    }
                    else if (s.Matched[d] == termStamp - 1)
                    {
                        // Every earlier term matched (AND): first time for this term.
                        s.Matched[d] = termStamp;
                        s.Freq[d] = 0;
                        s.Hits[hits++] = d;
                    }
                    else if (s.Matched[d] != termStamp) continue;
                    s.Freq[d] += list.Freqs[p];
                }
            if (hits == 0) return 0;
            for (var h = 0; h < hits; h++)
            {
                var d = s.Hits[h];
                s.Score[d] = (t == 0 ? 0 : s.Score[d]) + Bm25(d, s.Freq[d], t);
            }
        }
        // The hits of the last term matched every term.
        for (var h = 0; h < hits; h++)
            if (Passes(s.Hits[h], in filter)) s.Candidates[count++] = s.Hits[h];
        return count;
    }

    /// <summary>A word of the query: the postings that satisfy it (any of them) and how many documents they hold.</summary>
    sealed record Term(string Key, List<Postings> Lists, int Distinct);

    /// <summary>
    /// The terms of the query words: words with the same stem are one term; a term holds the postings of the words its
    /// stem is a prefix of, plus those of its synonyms' alternatives (a one-word alternative by prefix as well, a
    /// several-word one as the documents holding all its words).
    /// </summary>
    List<Term> TermsOf(IReadOnlyList<string> words, Scratch s, int stamp)
    {
        var terms = new List<Term>();
        foreach (var group in words.GroupBy(SearchTerms.Stem))
        {
            var key = group.Key;
            var lists = WordsOf(group.Key);
            foreach (var word in group)
                if (synonyms.TryGetValue(word, out var alts))
                    foreach (var alt in alts)
                    {
                        key += "|" + string.Join('+', alt);
                        if (alt.Length == 1) lists.AddRange(WordsOf(SearchTerms.Stem(alt[0])));
                        else if (AllOf(alt) is { Count: > 0 } together) lists.Add(together);
                    }
            lists = lists.Distinct().ToList();
            // Each term counts its documents with a stamp of its own (a document holding two words counts for both).
            terms.Add(new Term(key, lists, DistinctOf(key, lists, s, stamp + terms.Count)));
        }
        return terms;
    }

    // Several-word alternatives of synonyms: the documents holding all their words, computed once per alternative.
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, Postings> alternatives = new(StringComparer.Ordinal);

    /// <summary>The documents holding every word of <paramref name="words"/> (each as a stemmed prefix), as one postings list in ordinal order.</summary>
    Postings AllOf(string[] words)
    {
        var key = string.Join('+', words);
        if (alternatives.TryGetValue(key, out var known)) return known;
        Dictionary<int, float>? together = null;
        foreach (var word in words)
        {
            var these = new Dictionary<int, float>();
            foreach (var list in WordsOf(SearchTerms.Stem(word)))
                for (var p = 0; p < list.Count; p++)
                {
                    var d = list.Docs[p];
                    if (!facts[d].Alive) continue;
                    if (together is not null)
                    {
                        if (!together.TryGetValue(d, out var before)) continue;
                        if (!these.ContainsKey(d)) these[d] = before;
                    }
                    these[d] = these.GetValueOrDefault(d) + list.Freqs[p];
                }
            together = these;
            if (together.Count == 0) break;
        }
        var result = new Postings();
        foreach (var (d, freq) in (together ?? []).OrderBy(x => x.Key)) result.Add(d, freq);
        if (alternatives.Count > 1000) alternatives.Clear();
        alternatives[key] = result;
        return result;
    }

    /// <summary>The word caches depend on the documents: forgotten when words are added or removed.</summary>
    void Forget()
    {
        distinctByPrefix.Clear();
        alternatives.Clear();
    }

    /// <summary>The postings of the words that start with <paramref name="prefix"/>.</summary>
    List<Postings> WordsOf(string prefix)
    {
        var lists = new List<Postings>();
        var from = vocabulary.BinarySearch(prefix, StringComparer.Ordinal);
        if (from < 0) from = ~from;
        for (var w = from; w < vocabulary.Count && vocabulary[w].StartsWith(prefix, StringComparison.Ordinal); w++)
            lists.Add(postings[vocabulary[w]]);
        return lists;
    }

    // Documents holding a word of a prefix, per prefix: counted once, forgotten when words are added or removed.
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> distinctByPrefix = new(StringComparer.Ordinal);

    int DistinctOf(string key, List<Postings> lists, Scratch s, int stamp)
    {
        if (distinctByPrefix.TryGetValue(key, out var known)) return known;
        var distinct = 0;
        foreach (var list in lists)
            for (var p = 0; p < list.Count; p++)
            {
                var d = list.Docs[p];
                if (!facts[d].Alive || s.SeenInTerm[d] == stamp) continue;
                s.SeenInTerm[d] = stamp;
                distinct++;
            }
        if (distinctByPrefix.Count > 10_000) distinctByPrefix.Clear();
        distinctByPrefix[key] = distinct;
        return distinct;
    }

    /// <summary>The filters the facts answer (area, age, cost).</summary>
    bool PassesFacts(int d, in Filter filter)
    {
        ref readonly var f = ref facts[d];
        if (filter.Area is { } area && f.Area != area) return false;
        if (filter.ByAge && !ForAge(in f, filter.AgeLow, filter.AgeHigh)) return false;
        return !filter.FreeOnly || f.Cost == CostKind.Free;
    }

    /// <summary>For at least one age in the months given (an opportunity with no bound is for every age).</summary>
    static bool ForAge(in Facts f, int fromMonths, int toMonths) => f.AgeFrom <= toMonths && f.AgeTo >= fromMonths;

    bool Passes(int d, in Filter filter) => PassesFacts(d, in filter) && (!filter.ByObject || PassesObject(docs[d]!, in filter));

    static bool PassesObject(IndexedOpportunity o, in Filter filter)
    {
        if (filter.Partner is { } partner && o.PartnerId != partner) return false;
        if (filter.Comune is { } comune && !ComuneScope.Serves(o.Comuni, comune)) return false;
        if (filter.Category is { } category && (o.CategoriesLower is null || !o.CategoriesLower.Contains(category, StringComparison.Ordinal))) return false;
        // Services with no dates are always on; activities and events need a date in the range.
        var (start, end, now) = (filter.Start, filter.End, filter.Now);
        if (filter.ByDates && !(o.Kind == OpportunityKind.Service && o.Sessions.Length == 0)
            && !o.Sessions.Any(x => x.StartsAt >= start && x.StartsAt <= end)) return false;
        if (filter.WithPlaces && !o.Sessions.Any(x => x.StartsAt >= now && x.HasPlaces)) return false;
        return true;
    }

    /// <summary>
    /// How well an opportunity fits the family, for «Per la mia famiglia»: 3 = for a child's age and offered in the
    /// family's Comune (naming it, or naming none: <see cref="ComuneScope"/>), 2 = for a child's age elsewhere,
    /// 1 = in the Comune but for no child's age, 0 = neither. A family with no children under 18 is matched by Comune only.
    /// </summary>
    int FitRank(int d, FamilyFit family)
    {
        var age = false;
        foreach (var a in family.ChildAgeMonths)
            if (ForAge(in facts[d], a, a)) { age = true; break; }
        var place = family.ComuneId is { } comune && ComuneScope.Serves(docs[d]!.Comuni, comune);
        return (age ? 2 : 0) + (place ? 1 : 0);
    }

    /// <summary>Why an opportunity fits the family: the children (indexes in <see cref="FamilyFit.ChildAgeMonths"/>) whose age it is for, and where it is offered.</summary>
    public static FamilyMatch MatchOf(IndexedOpportunity o, FamilyFit family)
    {
        var children = new List<int>();
        for (var i = 0; i < family.ChildAgeMonths.Count; i++)
        {
            var a = family.ChildAgeMonths[i];
            if ((o.AgeFromMonths ?? int.MinValue) <= a && (o.AgeToMonths ?? int.MaxValue) >= a) children.Add(i);
        }
        var place = family.ComuneId is not { } comune ? FamilyPlace.None
            : ComuneScope.IsNetworkWide(o.Comuni) ? FamilyPlace.WholeNetwork
            : ComuneScope.Serves(o.Comuni, comune) ? FamilyPlace.InComune : FamilyPlace.None;
        return new FamilyMatch(children, place);
    }

    /// <summary>Where a candidate goes: the best fit for the family first (0 is best), then without a value last, then by value, then by title.</summary>
    readonly record struct SortKey(int Fit, bool Last, double Value, int Doc);

    /// <summary>Orders sort keys; the title (which means reading the opportunity) only breaks ties.</summary>
    sealed class SortOrder(List<IndexedOpportunity?> docs) : IComparer<SortKey>
    {
        public int Compare(SortKey a, SortKey b)
        {
            var c = a.Fit.CompareTo(b.Fit);
            if (c == 0) c = a.Last.CompareTo(b.Last);
            if (c == 0) c = a.Value.CompareTo(b.Value);
            if (c == 0 && a.Doc != b.Doc) c = string.CompareOrdinal(docs[a.Doc]!.Title, docs[b.Doc]!.Title);
            return c;
        }
    }

    /// <summary>The first <paramref name="count"/> candidates in the order asked for (a bounded heap: no full sort).</summary>
    List<int> Top(int[] candidates, int total, double[]? ranks, SearchRequest r, DateTime now, int count)
    {
        var byDistance = r.Order == SearchOrder.Distance && r.Latitude is not null && r.Longitude is not null;
        var family = byDistance ? null : r.Family;
        var lat = r.Latitude ?? 0;
        var cos2 = Math.Cos(lat * Math.PI / 180) * Math.Cos(lat * Math.PI / 180);
        SortKey Key(int d)
        {
            var miss = family is null ? 0 : 3 - FitRank(d, family);
            switch (r.Order)
            {
                case SearchOrder.Date:
                    var next = docs[d]!.NextSession(now);
                    return new SortKey(miss, next is null, next?.StartsAt.Ticks ?? 0, d);
                case SearchOrder.Distance when byDistance:
                    var best = double.MaxValue;
                    foreach (var p in docs[d]!.Places)
                        if (p is { Latitude: { } plat, Longitude: { } plon })
                            best = Math.Min(best, (plat - lat) * (plat - lat) + (plon - r.Longitude!.Value) * (plon - r.Longitude.Value) * cos2);
                    return new SortKey(miss, best == double.MaxValue, best, d);
                default:
                    return new SortKey(miss, false, ranks is not null ? -ranks[d] : -facts[d].Published, d);
            }
        }

        var order = new SortOrder(docs);
        // A max-heap of the best `count` so far: the root is the worst of them.
        var heap = new PriorityQueue<int, SortKey>(Comparer<SortKey>.Create((a, b) => order.Compare(b, a)));
        for (var i = 0; i < total; i++)
        {
            var d = candidates[i];
            var key = Key(d);
            if (heap.Count < count) heap.Enqueue(d, key);
            else if (heap.TryPeek(out _, out var worst) && order.Compare(key, worst) < 0) heap.DequeueEnqueue(d, key);
        }
        var ordered = new List<int>(heap.Count);
        while (heap.TryDequeue(out var d, out _)) ordered.Add(d);
        ordered.Reverse();
        return ordered;
    }
}
