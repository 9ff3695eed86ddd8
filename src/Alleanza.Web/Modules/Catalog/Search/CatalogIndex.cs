namespace Alleanza.Web.Modules.Catalog.Search;

/// <summary>A date of an opportunity as the search needs it (places are kept current through the change journal).</summary>
public sealed record IndexedSession(Guid Id, DateTime StartsAt, DateTime? EndsAt, int? Capacity, int Taken, bool RegistrationOpen)
{
    public bool HasPlaces => RegistrationOpen && (Capacity is null || Taken < Capacity);
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

/// <summary>The page of a search: the rows in order, how many matched, and which rows fit the family.</summary>
/// <summary>The searchable words of an opportunity, accent-free and lower-case: the title (weighs three times) and the body.</summary>
public sealed record IndexedText(string Title, string Body)
{
    /// <summary>A 64-bit fingerprint of the words, to tell whether they changed (within one process).</summary>
    public long Hash => ((long)Title.GetHashCode(StringComparison.Ordinal) << 32) ^ (uint)Body.GetHashCode(StringComparison.Ordinal);
}

public sealed record IndexPage(IReadOnlyList<IndexedOpportunity> Rows, int Total, int Page, IReadOnlySet<Guid> FitFamily);

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

    readonly ReaderWriterLockSlim gate = new();
    // Ordinal → opportunity (null once removed or re-indexed: the postings keep the old ordinal until compaction).
    readonly List<IndexedOpportunity?> docs = [];
    readonly List<int> lengths = [];
    readonly Dictionary<Guid, int> ordinals = [];
    readonly Dictionary<string, Postings> postings = new(StringComparer.Ordinal);
    // The words, sorted, for prefix lookups.
    readonly List<string> vocabulary = [];
    long totalLength;
    int dead;

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
                    docs[at] = o; // same words: dates, places or other fields changed
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

    /// <summary>Drops everything (before the network is loaded again from the database).</summary>
    public void Clear()
    {
        gate.EnterWriteLock();
        try
        {
            docs.Clear(); lengths.Clear(); ordinals.Clear(); postings.Clear(); vocabulary.Clear();
            totalLength = 0; dead = 0;
        }
        finally { gate.ExitWriteLock(); }
    }

    void Remove(Guid id)
    {
        if (!ordinals.Remove(id, out var at)) return;
        totalLength -= lengths[at];
        docs[at] = null;
        dead++;
    }

    /// <summary>Indexes the words of a new opportunity; words never seen before are added to <paramref name="newWords"/>.</summary>
    void Add(IndexedOpportunity o, IndexedText text, List<string> newWords)
    {
        var at = docs.Count;
        docs.Add(o);
        ordinals[o.Id] = at;
        var freqs = new Dictionary<string, float>(StringComparer.Ordinal);
        var length = CountWords(text.Title, TitleWeight, freqs) + CountWords(text.Body, 1.0, freqs);
        lengths.Add(length);
        totalLength += length;
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
        foreach (var word in Words(text))
        {
            freqs[word] = freqs.GetValueOrDefault(word) + (float)weight;
            n++;
        }
        return n;
    }

    /// <summary>The words of a text already made accent-free and lower-case (Text.SearchKey): letters and digits.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    /// <summary>Rewrites the postings without the removed ordinals (after many changes of words).</summary>
    void Compact()
    {
        var map = new int[docs.Count];
        var kept = new List<IndexedOpportunity?>(ordinals.Count);
        var keptLengths = new List<int>(ordinals.Count);
        for (var i = 0; i < docs.Count; i++)
        {
            if (docs[i] is null) { map[i] = -1; continue; }
            map[i] = kept.Count;
            kept.Add(docs[i]);
            keptLengths.Add(lengths[i]);
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
        lengths.Clear(); lengths.AddRange(keptLengths);
        ordinals.Clear();
        for (var i = 0; i < kept.Count; i++) ordinals[kept[i]!.Id] = i;
        dead = 0;
    }

    // Per-thread scratch arrays, stamped per search so they never need clearing.
    [ThreadStatic] static Scratch? scratch;

    sealed class Scratch
    {
        public int[] Matched = [];
        public int[] SeenInTerm = [];
        public float[] Freq = [];
        public double[] Score = [];
        public int Stamp;

        public int Begin(int size)
        {
            if (Matched.Length < size)
            {
                var n = Math.Max(size, Matched.Length * 2);
                Matched = new int[n]; SeenInTerm = new int[n]; Freq = new float[n]; Score = new double[n];
                Stamp = 0;
            }
            // 16 stamps per search: one per term (at most 8) and the start.
            if (Stamp > int.MaxValue - 32) { Array.Clear(Matched); Array.Clear(SeenInTerm); Stamp = 0; }
            Stamp += 16;
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
            var candidates = Matching(r, now, out var ranks);
            var total = candidates.Count;
            var page = Math.Max(1, Math.Min(r.Page, Math.Max(1, (total + size - 1) / size)));
            var top = Top(candidates, ranks, r, now, page * size);
            var rows = top.Skip((page - 1) * size).Take(size).Select(i => docs[i]!).ToList();
            var fits = r.Family is { } family ? rows.Where(o => Fits(o, family)).Select(o => o.Id).ToHashSet() : [];
            return new IndexPage(rows, total, page, fits);
        }
        finally { gate.ExitReadLock(); }
    }

    /// <summary>Every matching opportunity, unordered (for calendar feeds).</summary>
    public List<IndexedOpportunity> All(SearchRequest r, DateTime now)
    {
        gate.EnterReadLock();
        try { return Matching(r, now, out _).Select(i => docs[i]!).ToList(); }
        finally { gate.ExitReadLock(); }
    }

    /// <summary>Ordinals of the opportunities that pass the text and the filters; their BM25 rank when there is text.</summary>
    List<int> Matching(SearchRequest r, DateTime now, out double[]? ranks)
    {
        var terms = SearchTerms.Of(r.Text);
        ranks = null;
        var result = new List<int>();
        if (terms.Count == 0)
        {
            for (var i = 0; i < docs.Count; i++)
                if (docs[i] is { } o && Passes(o, r, now)) result.Add(i);
            return result;
        }

        var s = scratch ??= new Scratch();
        var stamp = s.Begin(docs.Count);
        var liveDocs = Math.Max(1, ordinals.Count);
        var averageLength = Math.Max(1.0, (double)totalLength / liveDocs);
        var hits = new List<int>();
        for (var t = 0; t < terms.Count; t++)
        {
            var prefix = SearchTerms.Stem(terms[t]);
            var termStamp = stamp + 1 + t;
            var distinct = 0; // documents holding a word of this prefix, for its idf (as FTS5 counts a prefix phrase)
            hits.Clear();
            var from = vocabulary.BinarySearch(prefix, StringComparer.Ordinal);
            if (from < 0) from = ~from;
            for (var w = from; w < vocabulary.Count && vocabulary[w].StartsWith(prefix, StringComparison.Ordinal); w++)
            {
                var list = postings[vocabulary[w]];
                for (var p = 0; p < list.Count; p++)
                {
                    var d = list.Docs[p];
                    if (docs[d] is null) continue;
                    if (s.SeenInTerm[d] != termStamp)
                    {
                        s.SeenInTerm[d] = termStamp;
                        s.Freq[d] = 0;
                        distinct++;
                        // Every earlier term must have matched (AND); stamps of earlier searches are all below this one's.
                        if (t == 0 || s.Matched[d] == stamp + t)
                        {
                            s.Matched[d] = stamp + t + 1;
                            if (t == 0) s.Score[d] = 0;
                            hits.Add(d);
                        }
                    }
                    s.Freq[d] += list.Freqs[p];
                }
            }
            if (hits.Count == 0) return result;
            var idf = Math.Log((liveDocs - distinct + 0.5) / (distinct + 0.5));
            if (idf <= 0) idf = 1e-6;
            foreach (var d in hits)
            {
                var tf = s.Freq[d];
                s.Score[d] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[d] / averageLength));
            }
            // Documents that matched every term so far: the hits of this term (each was added once).
        }
        ranks = s.Score;
        foreach (var d in hits)
            if (Passes(docs[d]!, r, now)) result.Add(d);
        return result;
    }

    static bool Passes(IndexedOpportunity o, SearchRequest r, DateTime now)
    {
        if (r.PartnerId is { } partner && o.PartnerId != partner) return false;
        if (r.AreaId is { } area && o.AreaId != area) return false;
        if (r.ComuneId is { } comune && Array.IndexOf(o.Comuni, comune) < 0) return false;
        if (!string.IsNullOrWhiteSpace(r.Category) && (o.CategoriesLower is null || !o.CategoriesLower.Contains(r.Category.Trim().ToLowerInvariant(), StringComparison.Ordinal))) return false;
        if (r.AgeYears is { } years && !ForAge(o, years * 12, years * 12 + 11)) return false;
        if (r.FreeOnly && o.Cost != CostKind.Free) return false;
        if (r.From is not null || r.To is not null)
        {
            var start = r.From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) ?? now;
            var end = r.To?.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc) ?? DateTime.MaxValue;
            // Services with no dates are always on; activities and events need a date in the range.
            if (!(o.Kind == OpportunityKind.Service && o.Sessions.Length == 0) && !o.Sessions.Any(x => x.StartsAt >= start && x.StartsAt <= end)) return false;
        }
        if (r.WithPlaces && !o.Sessions.Any(x => x.StartsAt >= now && x.HasPlaces)) return false;
        return true;
    }

    static bool ForAge(IndexedOpportunity o, int fromMonths, int toMonths) =>
        (o.AgeFromMonths is null || o.AgeFromMonths <= toMonths) && (o.AgeToMonths is null || o.AgeToMonths >= fromMonths);

    /// <summary>Fits the family: for the age of at least one child (or any age when none is known) and in its Comune (or every Comune).</summary>
    public static bool Fits(IndexedOpportunity o, FamilyFit family) =>
        (family.ChildAgeMonths.Count == 0 || family.ChildAgeMonths.Any(a => ForAge(o, a, a)))
        && (family.ComuneId is not { } comune || o.Comuni.Length == 0 || Array.IndexOf(o.Comuni, comune) >= 0);

    readonly record struct SortKey(bool Miss, bool Last, double Value, string Title) : IComparable<SortKey>
    {
        public int CompareTo(SortKey other)
        {
            var c = Miss.CompareTo(other.Miss);
            if (c == 0) c = Last.CompareTo(other.Last);
            if (c == 0) c = Value.CompareTo(other.Value);
            return c != 0 ? c : string.CompareOrdinal(Title, other.Title);
        }
    }

    /// <summary>The first <paramref name="count"/> candidates in the order asked for (a bounded heap: no full sort).</summary>
    List<int> Top(List<int> candidates, double[]? ranks, SearchRequest r, DateTime now, int count)
    {
        var byDistance = r.Order == SearchOrder.Distance && r.Latitude is not null && r.Longitude is not null;
        var family = byDistance ? null : r.Family;
        var lat = r.Latitude ?? 0;
        var cos2 = Math.Cos(lat * Math.PI / 180) * Math.Cos(lat * Math.PI / 180);
        SortKey Key(int d)
        {
            var o = docs[d]!;
            var miss = family is not null && !Fits(o, family);
            switch (r.Order)
            {
                case SearchOrder.Date:
                    var next = o.NextSession(now);
                    return new SortKey(miss, next is null, next?.StartsAt.Ticks ?? 0, o.Title);
                case SearchOrder.Distance when byDistance:
                    var best = double.MaxValue;
                    foreach (var p in o.Places)
                        if (p is { Latitude: { } plat, Longitude: { } plon })
                            best = Math.Min(best, (plat - lat) * (plat - lat) + (plon - r.Longitude!.Value) * (plon - r.Longitude.Value) * cos2);
                    return new SortKey(miss, best == double.MaxValue, best, o.Title);
                default:
                    return ranks is not null
                        ? new SortKey(miss, false, -ranks[d], o.Title)
                        : new SortKey(miss, false, -(o.PublishedAt?.Ticks ?? 0), o.Title);
            }
        }

        // A max-heap of the best `count` so far: the root is the worst of them.
        var heap = new PriorityQueue<int, SortKey>(Comparer<SortKey>.Create((a, b) => b.CompareTo(a)));
        foreach (var d in candidates)
        {
            var key = Key(d);
            if (heap.Count < count) heap.Enqueue(d, key);
            else if (heap.TryPeek(out _, out var worst) && key.CompareTo(worst) < 0) heap.DequeueEnqueue(d, key);
        }
        var ordered = new List<(int Doc, SortKey Key)>(heap.Count);
        while (heap.TryDequeue(out var d, out var key)) ordered.Add((d, key));
        ordered.Reverse();
        return ordered.Select(x => x.Doc).ToList();
    }
}
