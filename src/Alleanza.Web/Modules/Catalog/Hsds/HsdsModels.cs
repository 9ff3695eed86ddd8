namespace Alleanza.Web.Modules.Catalog.Hsds;

// Open Referral HSDS 3.0 objects, as far as Alleanza holds their data. Serialized in snake_case, nulls left out.

public sealed record HsdsPage<T>(int TotalItems, int TotalPages, int PageNumber, int Size, bool FirstPage, bool LastPage, bool Empty, IReadOnlyList<T> Contents);

public sealed record HsdsRoot(string Version, string Profile, string OpenapiUrl);

public sealed record HsdsOrganization(
    string Id, string Name, string Description, string? Email, string? Website, string? TaxId,
    IReadOnlyList<HsdsPhone>? Phones = null, IReadOnlyList<HsdsService>? Services = null);

public sealed record HsdsPhone(string Id, string Number);

public sealed record HsdsService(
    string Id, string OrganizationId, string Name, string Description, string Url, string Status,
    string? Email = null, string? FeesDescription = null, string? EligibilityDescription = null,
    int? MinimumAge = null, int? MaximumAge = null, string? LastModified = null,
    IReadOnlyList<HsdsLanguage>? Languages = null, IReadOnlyList<HsdsCostOption>? CostOptions = null,
    IReadOnlyList<HsdsSchedule>? Schedules = null, IReadOnlyList<HsdsServiceAtLocation>? ServiceAtLocations = null,
    IReadOnlyList<HsdsAttribute>? Attributes = null, HsdsOrganization? Organization = null);

public sealed record HsdsLanguage(string Id, string ServiceId, string Name);

public sealed record HsdsCostOption(string Id, string ServiceId, string Option, string Currency, double? Amount, string? AmountDescription);

public sealed record HsdsSchedule(string Id, string ServiceId, string? ValidFrom, string? ValidTo, string? Dtstart, string? OpensAt, string? ClosesAt, string Description);

public sealed record HsdsServiceAtLocation(string Id, string ServiceId, string LocationId, HsdsLocation? Location = null, HsdsService? Service = null);

public sealed record HsdsLocation(string Id, string LocationType, string Name, double? Latitude, double? Longitude, IReadOnlyList<HsdsAddress>? Addresses = null);

public sealed record HsdsAddress(string Id, string LocationId, [property: System.Text.Json.Serialization.JsonPropertyName("address_1")] string Address1, string City, string StateProvince, string PostalCode, string Country, string AddressType);

public sealed record HsdsAttribute(string Id, string LinkId, string TaxonomyTermId, string LinkType, string LinkEntity, HsdsTaxonomyTerm TaxonomyTerm);

public sealed record HsdsTaxonomy(string Id, string Name, string Description, string Version);

public sealed record HsdsTaxonomyTerm(string Id, string Code, string Name, string Description, string TaxonomyId, string Language = "it");
