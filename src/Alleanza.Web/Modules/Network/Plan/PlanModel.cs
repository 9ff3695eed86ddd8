using Alleanza.Web.Modules.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Alleanza.Web.Modules.Network.Plan;

/// <summary>EF Core mapping of the Piano Family.</summary>
public static class PlanModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<FamilyPlan>(e =>
        {
            e.ToTable("FamilyPlans");
            e.Property(p => p.Title).HasMaxLength(200);
            e.Property(p => p.Description).HasMaxLength(4000);
            e.Ignore(p => p.EndYear);
            e.Ignore(p => p.PeriodStart);
            e.Ignore(p => p.PeriodEnd);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(p => p.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Comune>().WithMany().HasForeignKey(p => p.ComuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(p => new { p.NetworkId, p.StartYear });
            e.HasIndex(p => p.ComuneId);
        });

        b.Entity<PlanObjective>(e =>
        {
            e.ToTable("PlanObjectives");
            e.Property(o => o.Title).HasMaxLength(200);
            e.Property(o => o.Description).HasMaxLength(4000);
            e.HasOne<FamilyPlan>().WithMany().HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<NetworkArea>().WithMany().HasForeignKey(o => o.AreaId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(o => new { o.PlanId, o.Order });
            e.HasIndex(o => o.AreaId);
        });

        b.Entity<PlanAction>(e =>
        {
            e.ToTable("PlanActions");
            e.Property(a => a.Title).HasMaxLength(200);
            e.Property(a => a.Description).HasMaxLength(4000);
            e.Property(a => a.Budget).HasPrecision(12, 2);
            e.HasOne<FamilyPlan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PlanObjective>().WithMany().HasForeignKey(a => a.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(a => a.ResponsiblePartnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(a => a.PlanId);
            e.HasIndex(a => a.ObjectiveId);
            e.HasIndex(a => a.ResponsiblePartnerId);
        });

        b.Entity<PlanIndicator>(e =>
        {
            e.ToTable("PlanIndicators");
            e.Property(i => i.Name).HasMaxLength(200);
            e.Property(i => i.Unit).HasMaxLength(40);
            e.Property(i => i.Baseline).HasPrecision(14, 2);
            e.Property(i => i.Target).HasPrecision(14, 2);
            e.Property(i => i.ManualValue).HasPrecision(14, 2);
            e.Property(i => i.ComputedValue).HasPrecision(14, 2);
            e.HasOne<FamilyPlan>().WithMany().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PlanObjective>().WithMany().HasForeignKey(i => i.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(i => i.PlanId);
            e.HasIndex(i => i.ObjectiveId);
        });

        b.Entity<IndicatorReading>(e =>
        {
            e.ToTable("IndicatorReadings");
            e.Property(r => r.Value).HasPrecision(14, 2);
            e.Property(r => r.Note).HasMaxLength(1000);
            e.Property(r => r.UserName).HasMaxLength(256);
            e.HasOne<PlanIndicator>().WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.IndicatorId, r.Date });
        });

        b.Entity<PlanStatusChange>(e =>
        {
            e.ToTable("PlanStatusChanges");
            e.Property(c => c.Note).HasMaxLength(1000);
            e.Property(c => c.UserName).HasMaxLength(256);
            e.HasOne<FamilyPlan>().WithMany().HasForeignKey(c => c.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.PlanId, c.At });
        });
    }
}
