using Alleanza.Web.Modules.Catalog;
using Alleanza.Web.Modules.Families;
using Alleanza.Web.Modules.FamilyCard;
using Alleanza.Web.Modules.Network;
using Alleanza.Web.Modules.Network.Pact;
using Alleanza.Web.Modules.Network.Plan;
using Alleanza.Web.Modules.Network.Tables;
using Alleanza.Web.Platform.Audit;
using Alleanza.Web.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Alleanza.Web.Platform.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>,
        IdentityUserLogin<Guid>, IdentityRoleClaim<Guid>, IdentityUserToken<Guid>, IdentityUserPasskey<Guid>>(options)
{
    public DbSet<AllianceNetwork> Networks => Set<AllianceNetwork>();
    public DbSet<Comune> Comuni => Set<Comune>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<PartnerComune> PartnerComuni => Set<PartnerComune>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<NetworkArea> NetworkAreas => Set<NetworkArea>();
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();
    public DbSet<OpportunityComune> OpportunityComuni => Set<OpportunityComune>();
    public DbSet<OpportunityLocation> OpportunityLocations => Set<OpportunityLocation>();
    public DbSet<OpportunitySession> OpportunitySessions => Set<OpportunitySession>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<RegistrationMonth> RegistrationMonths => Set<RegistrationMonth>();
    public DbSet<OpportunityChange> OpportunityChanges => Set<OpportunityChange>();
    public DbSet<Modules.Catalog.Search.SearchIndexChange> SearchIndexChanges => Set<Modules.Catalog.Search.SearchIndexChange>();
    public DbSet<OpportunityImage> OpportunityImages => Set<OpportunityImage>();
    public DbSet<SearchSynonym> SearchSynonyms => Set<SearchSynonym>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<CardRules> CardRules => Set<CardRules>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<HouseholdMember> HouseholdMembers => Set<HouseholdMember>();
    public DbSet<CardApplication> CardApplications => Set<CardApplication>();
    public DbSet<CardApplicationDocument> CardApplicationDocuments => Set<CardApplicationDocument>();
    public DbSet<Card> Cards => Set<Card>();
    public DbSet<CardDevice> CardDevices => Set<CardDevice>();
    public DbSet<CardSigningKey> CardSigningKeys => Set<CardSigningKey>();
    public DbSet<Shop> Shops => Set<Shop>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<OfferNetwork> OfferNetworks => Set<OfferNetwork>();
    public DbSet<CardReciprocity> CardReciprocities => Set<CardReciprocity>();
    public DbSet<Redemption> Redemptions => Set<Redemption>();
    public DbSet<RedemptionMonth> RedemptionMonths => Set<RedemptionMonth>();
    public DbSet<CardMonth> CardMonths => Set<CardMonth>();
    public DbSet<PartnerApiKey> PartnerApiKeys => Set<PartnerApiKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<Auth.Oidc.FederationKey> FederationKeys => Set<Auth.Oidc.FederationKey>();
    public DbSet<Auth.Oidc.ExternalSignIn> ExternalSignIns => Set<Auth.Oidc.ExternalSignIn>();
    public DbSet<Modules.Accounts.Consent> Consents => Set<Modules.Accounts.Consent>();
    public DbSet<FamilyPlan> FamilyPlans => Set<FamilyPlan>();
    public DbSet<PlanObjective> PlanObjectives => Set<PlanObjective>();
    public DbSet<PlanAction> PlanActions => Set<PlanAction>();
    public DbSet<PlanIndicator> PlanIndicators => Set<PlanIndicator>();
    public DbSet<IndicatorReading> IndicatorReadings => Set<IndicatorReading>();
    public DbSet<PlanStatusChange> PlanStatusChanges => Set<PlanStatusChange>();
    public DbSet<PactVersion> PactVersions => Set<PactVersion>();
    public DbSet<Modules.Network.Messages.NetworkMessage> NetworkMessages => Set<Modules.Network.Messages.NetworkMessage>();
    public DbSet<Modules.Network.Messages.NetworkMessageRecipient> NetworkMessageRecipients => Set<Modules.Network.Messages.NetworkMessageRecipient>();
    public DbSet<Platform.Notifications.Notification> Notifications => Set<Platform.Notifications.Notification>();
    public DbSet<Platform.Notifications.NotificationPreference> NotificationPreferences => Set<Platform.Notifications.NotificationPreference>();
    public DbSet<PactAdhesion> PactAdhesions => Set<PactAdhesion>();
    public DbSet<WorkingTable> WorkingTables => Set<WorkingTable>();
    public DbSet<TableMember> TableMembers => Set<TableMember>();
    public DbSet<TableMeeting> TableMeetings => Set<TableMeeting>();
    public DbSet<MeetingAttendance> MeetingAttendances => Set<MeetingAttendance>();
    public DbSet<TableAction> TableActions => Set<TableAction>();
    public DbSet<TableDocument> TableDocuments => Set<TableDocument>();
    public DbSet<Modules.Support.SupportSettings> SupportSettings => Set<Modules.Support.SupportSettings>();
    public DbSet<Modules.Support.SupportCase> SupportCases => Set<Modules.Support.SupportCase>();
    public DbSet<Modules.Support.CaseMember> CaseMembers => Set<Modules.Support.CaseMember>();
    public DbSet<Modules.Support.CaseNote> CaseNotes => Set<Modules.Support.CaseNote>();
    public DbSet<Modules.Support.CaseObjective> CaseObjectives => Set<Modules.Support.CaseObjective>();
    public DbSet<Modules.Support.CaseSession> CaseSessions => Set<Modules.Support.CaseSession>();
    public DbSet<Modules.Support.CaseFollowUp> CaseFollowUps => Set<Modules.Support.CaseFollowUp>();
    public DbSet<Modules.Support.CaseEvent> CaseEvents => Set<Modules.Support.CaseEvent>();
    public DbSet<Modules.Support.CaseAccess> CaseAccesses => Set<Modules.Support.CaseAccess>();
    public DbSet<Modules.Support.CaseAssessment> CaseAssessments => Set<Modules.Support.CaseAssessment>();
    public DbSet<Modules.Support.AssessmentScore> AssessmentScores => Set<Modules.Support.AssessmentScore>();
    public DbSet<Modules.Support.ShareConsent> ShareConsents => Set<Modules.Support.ShareConsent>();
    public DbSet<Modules.Support.ConsentFormFile> ConsentForms => Set<Modules.Support.ConsentFormFile>();
    public DbSet<Modules.Support.CaseReferral> CaseReferrals => Set<Modules.Support.CaseReferral>();
    // Support: community labs, training, volunteer registry
    public DbSet<Modules.Support.Labs.CommunityLab> CommunityLabs => Set<Modules.Support.Labs.CommunityLab>();
    public DbSet<Modules.Support.Labs.LabFacilitator> LabFacilitators => Set<Modules.Support.Labs.LabFacilitator>();
    public DbSet<Modules.Support.Labs.LabSession> LabSessions => Set<Modules.Support.Labs.LabSession>();
    public DbSet<Modules.Support.Labs.LabAttendance> LabAttendances => Set<Modules.Support.Labs.LabAttendance>();
    public DbSet<Modules.Support.Labs.ListeningContact> ListeningContacts => Set<Modules.Support.Labs.ListeningContact>();
    public DbSet<Modules.Support.Training.TrainingCourse> TrainingCourses => Set<Modules.Support.Training.TrainingCourse>();
    public DbSet<Modules.Support.Training.TrainingModule> TrainingModules => Set<Modules.Support.Training.TrainingModule>();
    public DbSet<Modules.Support.Training.TrainingSession> TrainingSessions => Set<Modules.Support.Training.TrainingSession>();
    public DbSet<Modules.Support.Training.TrainingEnrolment> TrainingEnrolments => Set<Modules.Support.Training.TrainingEnrolment>();
    public DbSet<Modules.Support.Training.TrainingAttendance> TrainingAttendances => Set<Modules.Support.Training.TrainingAttendance>();
    public DbSet<Modules.Support.Volunteers.VolunteerProfile> VolunteerProfiles => Set<Modules.Support.Volunteers.VolunteerProfile>();
    public DbSet<Modules.Support.Volunteers.VolunteerAssignment> VolunteerAssignments => Set<Modules.Support.Volunteers.VolunteerAssignment>();
    public DbSet<Modules.Support.Volunteers.VolunteerHours> VolunteerHours => Set<Modules.Support.Volunteers.VolunteerHours>();
    public DbSet<Modules.Support.Volunteers.CommunitySettings> CommunitySettings => Set<Modules.Support.Volunteers.CommunitySettings>();
    // Sharing: the double-entry ledger and the time bank
    public DbSet<Modules.Sharing.Ledger.LedgerAccount> LedgerAccounts => Set<Modules.Sharing.Ledger.LedgerAccount>();
    public DbSet<Modules.Sharing.Ledger.LedgerTransfer> LedgerTransfers => Set<Modules.Sharing.Ledger.LedgerTransfer>();
    public DbSet<Modules.Sharing.Ledger.LedgerMovement> LedgerMovements => Set<Modules.Sharing.Ledger.LedgerMovement>();
    public DbSet<Modules.Sharing.TimeBank.Bank> TimeBanks => Set<Modules.Sharing.TimeBank.Bank>();
    public DbSet<Modules.Sharing.TimeBank.BankManager> TimeBankManagers => Set<Modules.Sharing.TimeBank.BankManager>();
    public DbSet<Modules.Sharing.TimeBank.BankMember> TimeBankMembers => Set<Modules.Sharing.TimeBank.BankMember>();
    public DbSet<Modules.Sharing.TimeBank.BankPost> TimeBankPosts => Set<Modules.Sharing.TimeBank.BankPost>();
    public DbSet<Modules.Sharing.TimeBank.Exchange> TimeBankExchanges => Set<Modules.Sharing.TimeBank.Exchange>();
    public DbSet<Modules.Sharing.TimeBank.GroupActivity> TimeBankGroupActivities => Set<Modules.Sharing.TimeBank.GroupActivity>();
    public DbSet<Modules.Sharing.PurchasingGroups.PurchasingGroup> GafGroups => Set<Modules.Sharing.PurchasingGroups.PurchasingGroup>();
    public DbSet<Modules.Sharing.PurchasingGroups.GroupReferent> GafReferents => Set<Modules.Sharing.PurchasingGroups.GroupReferent>();
    public DbSet<Modules.Sharing.PurchasingGroups.GroupMember> GafMembers => Set<Modules.Sharing.PurchasingGroups.GroupMember>();
    public DbSet<Modules.Sharing.PurchasingGroups.Supplier> GafSuppliers => Set<Modules.Sharing.PurchasingGroups.Supplier>();
    public DbSet<Modules.Sharing.PurchasingGroups.Product> GafProducts => Set<Modules.Sharing.PurchasingGroups.Product>();
    public DbSet<Modules.Sharing.PurchasingGroups.OrderCycle> GafCycles => Set<Modules.Sharing.PurchasingGroups.OrderCycle>();
    public DbSet<Modules.Sharing.PurchasingGroups.Booking> GafBookings => Set<Modules.Sharing.PurchasingGroups.Booking>();
    public DbSet<Modules.Sharing.PurchasingGroups.BookingLine> GafBookingLines => Set<Modules.Sharing.PurchasingGroups.BookingLine>();
    public DbSet<Modules.Sharing.PurchasingGroups.ExtraCost> GafExtraCosts => Set<Modules.Sharing.PurchasingGroups.ExtraCost>();
    // Questionari
    public DbSet<Modules.Surveys.Survey> Surveys => Set<Modules.Surveys.Survey>();
    public DbSet<Modules.Surveys.SurveySection> SurveySections => Set<Modules.Surveys.SurveySection>();
    public DbSet<Modules.Surveys.SurveyQuestion> SurveyQuestions => Set<Modules.Surveys.SurveyQuestion>();
    public DbSet<Modules.Surveys.SurveyOption> SurveyOptions => Set<Modules.Surveys.SurveyOption>();
    public DbSet<Modules.Surveys.SurveyClass> SurveyClasses => Set<Modules.Surveys.SurveyClass>();
    public DbSet<Modules.Surveys.SurveyCode> SurveyCodes => Set<Modules.Surveys.SurveyCode>();
    public DbSet<Modules.Surveys.SurveyParticipant> SurveyParticipants => Set<Modules.Surveys.SurveyParticipant>();
    public DbSet<Modules.Surveys.SurveyTranslation> SurveyTranslations => Set<Modules.Surveys.SurveyTranslation>();
    public DbSet<Modules.Surveys.SurveyPartner> SurveyPartners => Set<Modules.Surveys.SurveyPartner>();
    public DbSet<Modules.Surveys.SurveyInvitation> SurveyInvitations => Set<Modules.Surveys.SurveyInvitation>();
    public DbSet<Modules.Surveys.SurveyResponse> SurveyResponses => Set<Modules.Surveys.SurveyResponse>();
    public DbSet<Modules.Surveys.SurveyAnswer> SurveyAnswers => Set<Modules.Surveys.SurveyAnswer>();
    // Sharing (Condividi): the exchange between families and the private conversations
    public DbSet<Modules.Sharing.Exchange.SharingPost> SharingPosts => Set<Modules.Sharing.Exchange.SharingPost>();
    public DbSet<Modules.Sharing.Exchange.SharingPhoto> SharingPhotos => Set<Modules.Sharing.Exchange.SharingPhoto>();
    public DbSet<Modules.Sharing.Exchange.SharingPostChange> SharingPostChanges => Set<Modules.Sharing.Exchange.SharingPostChange>();
    public DbSet<Modules.Sharing.Exchange.SharingSettings> SharingSettings => Set<Modules.Sharing.Exchange.SharingSettings>();
    public DbSet<Modules.Sharing.Exchange.CollectionPoint> SharingCollectionPoints => Set<Modules.Sharing.Exchange.CollectionPoint>();
    public DbSet<Modules.Sharing.Exchange.SharingModerator> SharingModerators => Set<Modules.Sharing.Exchange.SharingModerator>();
    public DbSet<Modules.Sharing.Exchange.SharingReport> SharingReports => Set<Modules.Sharing.Exchange.SharingReport>();
    public DbSet<Modules.Sharing.Exchange.SavedSearch> SharingSavedSearches => Set<Modules.Sharing.Exchange.SavedSearch>();
    public DbSet<Modules.Sharing.Messages.Conversation> Conversations => Set<Modules.Sharing.Messages.Conversation>();
    public DbSet<Modules.Sharing.Messages.ConversationMessage> ConversationMessages => Set<Modules.Sharing.Messages.ConversationMessage>();
    public DbSet<Modules.Sharing.Messages.PersonBlock> PersonBlocks => Set<Modules.Sharing.Messages.PersonBlock>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Stored as UTC on every engine; SQLite gives back "unspecified" kinds without this.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Identity schema version 3 (with the passkeys table), fixed here so the model never depends on DI options.
        base.OnModelCreating(b);

        b.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.FiscalCode).HasMaxLength(16);
            e.Property(u => u.VerifiedFiscalCode).HasMaxLength(16);
            // One account per verified identity: two first SPID sign-ins at once cannot make two accounts.
            e.HasIndex(u => u.VerifiedFiscalCode).IsUnique();
            e.Property(u => u.Language).HasMaxLength(10);
        });

        b.Entity<AllianceNetwork>(e =>
        {
            e.ToTable("Networks");
            e.Property(n => n.Slug).HasMaxLength(60);
            e.Property(n => n.Name).HasMaxLength(200);
            e.Property(n => n.Description).HasMaxLength(4000);
            e.Property(n => n.Region).HasMaxLength(100);
            e.Property(n => n.ContactEmail).HasMaxLength(256);
            e.Property(n => n.MailFromName).HasMaxLength(100);
            e.Property(n => n.MailFromAddress).HasMaxLength(256);
            e.HasIndex(n => n.Slug).IsUnique();
            e.HasMany(n => n.Comuni).WithOne().HasForeignKey(c => c.NetworkId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Comune>(e =>
        {
            e.ToTable("Comuni");
            e.Property(c => c.Name).HasMaxLength(120);
            e.Property(c => c.Province).HasMaxLength(2);
            e.Property(c => c.IstatCode).HasMaxLength(6);
            e.HasIndex(c => new { c.NetworkId, c.Name }).IsUnique();
        });

        b.Entity<Partner>(e =>
        {
            e.ToTable("Partners");
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.NameKey).HasMaxLength(200);
            e.Property(p => p.Description).HasMaxLength(4000);
            e.Property(p => p.Address).HasMaxLength(200);
            e.Property(p => p.PostalCode).HasMaxLength(5);
            e.Property(p => p.City).HasMaxLength(120);
            e.Property(p => p.Email).HasMaxLength(256);
            e.Property(p => p.Phone).HasMaxLength(40);
            e.Property(p => p.Website).HasMaxLength(300);
            e.Property(p => p.TaxCode).HasMaxLength(16);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(p => p.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => new { p.NetworkId, p.NameKey });
            e.HasIndex(p => new { p.NetworkId, p.Kind });
            e.HasMany(p => p.ComuniServed).WithOne().HasForeignKey(pc => pc.PartnerId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<PartnerComune>(e =>
        {
            e.ToTable("PartnerComuni");
            e.HasKey(pc => new { pc.PartnerId, pc.ComuneId });
            e.HasOne<Comune>().WithMany().HasForeignKey(pc => pc.ComuneId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(pc => pc.ComuneId);
        });

        b.Entity<Membership>(e =>
        {
            e.ToTable("Memberships");
            e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(m => m.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(m => m.PartnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Comune>().WithMany().HasForeignKey(m => m.ComuneId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(m => new { m.UserId, m.NetworkId, m.Role, m.PartnerId }).IsUnique();
            e.HasIndex(m => m.ComuneId);
            e.HasIndex(m => new { m.NetworkId, m.Role });
            e.HasIndex(m => m.PartnerId);
        });

        b.Entity<Invitation>(e =>
        {
            e.ToTable("Invitations");
            e.Property(i => i.Email).HasMaxLength(256);
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(i => i.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Partner>().WithMany().HasForeignKey(i => i.PartnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(i => i.TokenHash).IsUnique();
            e.HasIndex(i => new { i.NetworkId, i.Email });
            e.HasIndex(i => i.PartnerId);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.Property(a => a.Action).HasMaxLength(80);
            e.Property(a => a.EntityType).HasMaxLength(80);
            e.Property(a => a.EntityId).HasMaxLength(80);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.Details).HasMaxLength(2000);
            e.Property(a => a.IpAddress).HasMaxLength(64);
            e.HasIndex(a => new { a.NetworkId, a.At });
            e.HasIndex(a => new { a.UserId, a.At });
            e.HasIndex(a => new { a.UserName, a.At }); // failed sign-ins per address (the lock-out of addresses without an account)
        });

        CatalogModel.Configure(b);
        Modules.Families.FamiliesModel.Configure(b);
        FamilyCardModel.Configure(b);
        PlanModel.Configure(b);
        PactModel.Configure(b);
        WorkingTableModel.Configure(b);
        Modules.Network.Messages.MessageModel.Configure(b);
        Platform.Notifications.NotificationModel.Configure(b);
        Modules.Support.SupportModel.Configure(b);
        Modules.Support.SupportCommunityModel.Configure(b);
        Modules.Sharing.Ledger.LedgerModel.Configure(b);
        Modules.Sharing.TimeBank.TimeBankModel.Configure(b);
        Modules.Sharing.PurchasingGroups.PurchasingModel.Configure(b);
        Modules.Surveys.SurveyModel.Configure(b);
        Modules.Sharing.Exchange.ExchangeModel.Configure(b);
        Modules.Sharing.Messages.ConversationModel.Configure(b);
        Auth.Oidc.FederationKeys.Configure(b);
        Auth.Oidc.ExternalSignInLog.Configure(b);

        b.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("DataProtectionKeys");
            e.Property(k => k.FriendlyName).HasMaxLength(200);
        });

        b.Entity<AuthSession>(e =>
        {
            e.ToTable("AuthSessions");
            e.Property(s => s.Id).HasMaxLength(64);
            e.Property(s => s.SecurityStamp).HasMaxLength(256);
            e.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.UserId);
            e.HasIndex(s => s.ExpiresAt);
        });

        b.Entity<Modules.Accounts.Consent>(e =>
        {
            e.ToTable("Consents");
            e.Property(c => c.Kind).HasMaxLength(40);
            e.Property(c => c.Version).HasMaxLength(40);
            e.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AllianceNetwork>().WithMany().HasForeignKey(c => c.NetworkId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.UserId, c.GivenAt });
            e.HasIndex(c => c.NetworkId);
        });

        Concurrency.ConfigureVersionTokens(b);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Concurrency.BumpVersions(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Concurrency.BumpVersions(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}

/// <summary>Writes DateTime as UTC and reads it back marked as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
