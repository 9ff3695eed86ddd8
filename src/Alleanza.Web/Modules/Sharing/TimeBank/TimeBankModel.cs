using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Sharing.Ledger;
using Alleanza.Web.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Sharing.TimeBank;

/// <summary>EF Core mapping of the time bank.</summary>
public static class TimeBankModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Bank>(e =>
        {
            e.ToTable("TimeBanks");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Rules).HasMaxLength(4000);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(x => x.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.NetworkId).IsUnique();
            e.HasIndex(x => x.PartnerId);
            e.HasIndex(x => x.AccountId);
        });

        b.Entity<BankManager>(e =>
        {
            e.ToTable("TimeBankManagers");
            e.HasKey(x => new { x.BankId, x.UserId });
            e.HasOne<Bank>().WithMany().HasForeignKey(x => x.BankId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.UserId);
        });

        b.Entity<BankMember>(e =>
        {
            e.ToTable("TimeBankMembers");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Presentation).HasMaxLength(1000);
            e.Property(x => x.DecisionNote).HasMaxLength(500);
            e.HasOne<Bank>().WithMany().HasForeignKey(x => x.BankId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.BankId, x.UserId }).IsUnique();
            e.HasIndex(x => new { x.BankId, x.Status, x.Name });
            e.HasIndex(x => x.UserId);
            e.HasIndex(x => x.HouseholdId);
            e.HasIndex(x => x.AccountId);
        });

        b.Entity<BankPost>(e =>
        {
            e.ToTable("TimeBankPosts");
            e.Property(x => x.Title).HasMaxLength(150);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.HasOne<Bank>().WithMany().HasForeignKey(x => x.BankId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<BankMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.BankId, x.ClosedAt, x.CreatedAt });
            e.HasIndex(x => x.MemberId);
        });

        b.Entity<Exchange>(e =>
        {
            e.ToTable("TimeBankExchanges");
            e.Property(x => x.Description).HasMaxLength(500);
            e.HasOne<Bank>().WithMany().HasForeignKey(x => x.BankId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<BankMember>().WithMany().HasForeignKey(x => x.GiverMemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<BankMember>().WithMany().HasForeignKey(x => x.ReceiverMemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LedgerTransfer>().WithMany().HasForeignKey(x => x.TransferId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<BankPost>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => new { x.BankId, x.Status, x.DueAt });
            e.HasIndex(x => new { x.GiverMemberId, x.RecordedAt });
            e.HasIndex(x => new { x.ReceiverMemberId, x.RecordedAt });
            e.HasIndex(x => x.TransferId);
            e.HasIndex(x => x.PostId);
        });

        b.Entity<GroupActivity>(e =>
        {
            e.ToTable("TimeBankGroupActivities");
            e.Property(x => x.Title).HasMaxLength(200);
            e.HasOne<Bank>().WithMany().HasForeignKey(x => x.BankId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<BankMember>().WithMany().HasForeignKey(x => x.TeacherMemberId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LedgerTransfer>().WithMany().HasForeignKey(x => x.TransferId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.BankId, x.On });
            e.HasIndex(x => x.TeacherMemberId);
            e.HasIndex(x => x.TransferId);
        });
    }
}
