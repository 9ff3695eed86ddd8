using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.PurchasingGroups;

/// <summary>
/// Setting up a group: the group with its ledger accounts, its referents and treasurer, its member households (each with a
/// credit account), its suppliers (each with the account of what the group owes it) and their products.
/// </summary>
public sealed class Groups(AppDbContext db, LedgerBook ledger, TimeProvider clock)
{
    public const string MemberAccount = "gaf.member";
    public const string CashAccount = "gaf.cash";
    public const string FundAccount = "gaf.fund";
    public const string SupplierAccount = "gaf.supplier";

    public async Task<PurchasingGroup> CreateAsync(Guid networkId, string name, string deliveryPlace, string deliveryTimes, string description = "", bool requireCredit = false)
    {
        var id = Guid.NewGuid();
        var group = new PurchasingGroup
        {
            Id = id, NetworkId = networkId, Name = name.Trim(), Description = description.Trim(), DeliveryPlace = deliveryPlace.Trim(), DeliveryTimes = deliveryTimes.Trim(),
            RequireCredit = requireCredit, CreatedAt = clock.GetUtcNow().UtcDateTime,
            CashAccountId = await ledger.OpenAccountAsync(networkId, CashAccount, id, LedgerUnit.EuroCents),
            FundAccountId = await ledger.OpenAccountAsync(networkId, FundAccount, id, LedgerUnit.EuroCents),
        };
        db.GafGroups.Add(group);
        await db.SaveChangesAsync();
        db.Entry(group).State = EntityState.Detached;
        return group;
    }

    public async Task AddReferentAsync(Guid groupId, Guid userId, bool treasurer)
    {
        if (await db.GafReferents.AnyAsync(r => r.GroupId == groupId && r.UserId == userId)) return;
        db.GafReferents.Add(new GroupReferent { GroupId = groupId, UserId = userId, IsTreasurer = treasurer, AddedAt = clock.GetUtcNow().UtcDateTime });
        await db.TrySaveAsync();
    }

    /// <summary>Adds a household to the group (once: a unique index keeps it one), with its credit account.</summary>
    public async Task<GroupMember> AddMemberAsync(PurchasingGroup group, Guid householdId, Guid userId, string name, Guid? sponsorMemberId = null)
    {
        if (await db.GafMembers.AsNoTracking().FirstOrDefaultAsync(m => m.GroupId == group.Id && m.HouseholdId == householdId) is { } existing) return existing;
        var id = Guid.NewGuid();
        var member = new GroupMember
        {
            Id = id, GroupId = group.Id, NetworkId = group.NetworkId, HouseholdId = householdId, UserId = userId, Name = name.Trim(), SponsorMemberId = sponsorMemberId,
            JoinedAt = clock.GetUtcNow().UtcDateTime, AccountId = await ledger.OpenAccountAsync(group.NetworkId, MemberAccount, id, LedgerUnit.EuroCents),
        };
        db.GafMembers.Add(member);
        if (!await db.TrySaveAsync()) return await db.GafMembers.AsNoTracking().FirstAsync(m => m.GroupId == group.Id && m.HouseholdId == householdId);
        db.Entry(member).State = EntityState.Detached;
        return member;
    }

    public async Task<Supplier> AddSupplierAsync(PurchasingGroup group, string name, Guid? partnerId = null, string? contact = null, string? email = null, string? phone = null, string? notes = null)
    {
        var id = Guid.NewGuid();
        var supplier = new Supplier
        {
            Id = id, GroupId = group.Id, NetworkId = group.NetworkId, PartnerId = partnerId, Name = name.Trim(), ContactName = contact, Email = email, Phone = phone, Notes = notes,
            CreatedAt = clock.GetUtcNow().UtcDateTime, AccountId = await ledger.OpenAccountAsync(group.NetworkId, SupplierAccount, id, LedgerUnit.EuroCents),
        };
        db.GafSuppliers.Add(supplier);
        await db.SaveChangesAsync();
        db.Entry(supplier).State = EntityState.Detached;
        return supplier;
    }

    public sealed record SupplierRow(Guid Id, string Name, string? Partner, string? ContactName, string? Email, string? Phone, int Products, int Available, long Owed);

    public Task<List<SupplierRow>> SuppliersAsync(Guid groupId) =>
        db.GafSuppliers.AsNoTracking().Where(s => s.GroupId == groupId).OrderBy(s => s.Name)
            .Select(s => new SupplierRow(s.Id, s.Name, db.Partners.Where(p => p.Id == s.PartnerId).Select(p => p.Name).FirstOrDefault(), s.ContactName, s.Email, s.Phone,
                db.GafProducts.Count(p => p.SupplierId == s.Id), db.GafProducts.Count(p => p.SupplierId == s.Id && p.Available),
                db.LedgerAccounts.Where(a => a.Id == s.AccountId).Select(a => a.Balance).First()))
            .ToListAsync();

    public Task<List<Product>> ProductsAsync(Guid supplierId) =>
        db.GafProducts.AsNoTracking().Where(p => p.SupplierId == supplierId).OrderBy(p => p.Name).ThenBy(p => p.Variant).ToListAsync();
}
