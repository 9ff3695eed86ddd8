namespace Alleanza.Web.Modules.Catalog;

// What a search asks and what a row of its answer holds. Depends on nothing but the catalogue's enums, so the
// benchmark's raw baseline compiles this file with the index (bench/Alleanza.Bench).

public enum SearchOrder { Relevance, Date, Distance }

/// <summary>What a family asks the catalogue: text, filters, order, page. Bad values have been dropped before this.</summary>
public sealed record SearchRequest(
    string? Text = null, Guid? AreaId = null, string? Category = null, int? AgeYears = null, Guid? ComuneId = null,
    bool FreeOnly = false, DateOnly? From = null, DateOnly? To = null, bool WithPlaces = false,
    SearchOrder Order = SearchOrder.Relevance, double? Latitude = null, double? Longitude = null, int Page = 1, int PageSize = 20, Guid? PartnerId = null,
    FamilyFit? Family = null);

/// <summary>"Per la mia famiglia": opportunities for these children's ages (months) and this Comune come first.</summary>
public sealed record FamilyFit(IReadOnlyList<int> ChildAgeMonths, Guid? ComuneId);

/// <summary>Where an opportunity is offered, for the family: in its Comune (named), in the whole network (no Comune named), or elsewhere.</summary>
public enum FamilyPlace { None, InComune, WholeNetwork }

/// <summary>Why an opportunity fits the family: the children (indexes in <see cref="FamilyFit.ChildAgeMonths"/>) whose age it is for, and where it is.</summary>
public sealed record FamilyMatch(IReadOnlyList<int> Children, FamilyPlace Place)
{
    public bool Any => Children.Count > 0 || Place != FamilyPlace.None;
}

public sealed record SearchHit(
    Guid Id, string Title, OpportunityKind Kind, string Area, string Partner, CostKind Cost, decimal? Price, decimal? ReducedPrice,
    int? AgeFromMonths, int? AgeToMonths, DateTime? NextSession, int? PlacesLeft, string? Place, double? Latitude, double? Longitude, string Summary,
    FamilyMatch? Family = null);
