using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Alleanza.Web.Platform.Data.Migrations;

/// <summary>
/// Accounts (Identity schema 3, with passkeys), networks, Comuni, partners, memberships, invitations,
/// audit log and data-protection keys. Provider-neutral: column types come from each provider's defaults,
/// except the passkey data, which is JSON (jsonb on PostgreSQL).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000000_Initial")]
public partial class Initial : Migration
{
    static string JsonType(MigrationBuilder m) => m.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? "jsonb" : null;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(name: "AspNetRoles", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 256, nullable: true),
            NormalizedName = table.Column<string>(maxLength: 256, nullable: true),
            ConcurrencyStamp = table.Column<string>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_AspNetRoles", x => new { x.Id });
        });

        migrationBuilder.CreateTable(name: "AspNetUsers", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            DisplayName = table.Column<string>(maxLength: 200, nullable: false),
            IsAdministrator = table.Column<bool>(nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UserName = table.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
            Email = table.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = table.Column<bool>(nullable: false),
            PasswordHash = table.Column<string>(nullable: true),
            SecurityStamp = table.Column<string>(nullable: true),
            ConcurrencyStamp = table.Column<string>(nullable: true),
            PhoneNumber = table.Column<string>(maxLength: 256, nullable: true),
            PhoneNumberConfirmed = table.Column<bool>(nullable: false),
            TwoFactorEnabled = table.Column<bool>(nullable: false),
            LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = table.Column<bool>(nullable: false),
            AccessFailedCount = table.Column<int>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_AspNetUsers", x => new { x.Id });
        });

        migrationBuilder.CreateTable(name: "AuditEntries", columns: table => new
        {
            Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            At = table.Column<DateTime>(nullable: false),
            UserId = table.Column<Guid>(nullable: true),
            UserName = table.Column<string>(maxLength: 256, nullable: true),
            NetworkId = table.Column<Guid>(nullable: true),
            Action = table.Column<string>(maxLength: 80, nullable: false),
            EntityType = table.Column<string>(maxLength: 80, nullable: true),
            EntityId = table.Column<string>(maxLength: 80, nullable: true),
            Details = table.Column<string>(maxLength: 2000, nullable: true),
            IpAddress = table.Column<string>(maxLength: 64, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_AuditEntries", x => new { x.Id });
        });

        migrationBuilder.CreateTable(name: "DataProtectionKeys", columns: table => new
        {
            Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            FriendlyName = table.Column<string>(maxLength: 200, nullable: true),
            Xml = table.Column<string>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_DataProtectionKeys", x => new { x.Id });
        });

        migrationBuilder.CreateTable(name: "Networks", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            Slug = table.Column<string>(maxLength: 60, nullable: false),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            Description = table.Column<string>(maxLength: 4000, nullable: true),
            Region = table.Column<string>(maxLength: 100, nullable: true),
            ContactEmail = table.Column<string>(maxLength: 256, nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Networks", x => new { x.Id });
        });

        migrationBuilder.CreateTable(name: "AspNetRoleClaims", columns: table => new
        {
            Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            RoleId = table.Column<Guid>(nullable: false),
            ClaimType = table.Column<string>(nullable: true),
            ClaimValue = table.Column<string>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_AspNetRoleClaims", x => new { x.Id });
            table.ForeignKey(name: "FK_AspNetRoleClaims_AspNetRoles_RoleId", column: x => x.RoleId, principalTable: "AspNetRoles", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "AspNetUserClaims", columns: table => new
        {
            Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true).Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            UserId = table.Column<Guid>(nullable: false),
            ClaimType = table.Column<string>(nullable: true),
            ClaimValue = table.Column<string>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_AspNetUserClaims", x => new { x.Id });
            table.ForeignKey(name: "FK_AspNetUserClaims_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "AspNetUserLogins", columns: table => new
        {
            LoginProvider = table.Column<string>(maxLength: 128, nullable: false),
            ProviderKey = table.Column<string>(maxLength: 128, nullable: false),
            ProviderDisplayName = table.Column<string>(nullable: true),
            UserId = table.Column<Guid>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
            table.ForeignKey(name: "FK_AspNetUserLogins_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "AspNetUserPasskeys", columns: table => new
        {
            CredentialId = table.Column<byte[]>(maxLength: 1024, nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            Data = table.Column<string>(type: JsonType(migrationBuilder), nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_AspNetUserPasskeys", x => new { x.CredentialId });
            table.ForeignKey(name: "FK_AspNetUserPasskeys_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "AspNetUserRoles", columns: table => new
        {
            UserId = table.Column<Guid>(nullable: false),
            RoleId = table.Column<Guid>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
            table.ForeignKey(name: "FK_AspNetUserRoles_AspNetRoles_RoleId", column: x => x.RoleId, principalTable: "AspNetRoles", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_AspNetUserRoles_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "AspNetUserTokens", columns: table => new
        {
            UserId = table.Column<Guid>(nullable: false),
            LoginProvider = table.Column<string>(maxLength: 128, nullable: false),
            Name = table.Column<string>(maxLength: 128, nullable: false),
            Value = table.Column<string>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            table.ForeignKey(name: "FK_AspNetUserTokens_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "Comuni", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 120, nullable: false),
            Province = table.Column<string>(maxLength: 2, nullable: true),
            IstatCode = table.Column<string>(maxLength: 6, nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Comuni", x => new { x.Id });
            table.ForeignKey(name: "FK_Comuni_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "Partners", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Name = table.Column<string>(maxLength: 200, nullable: false),
            NameKey = table.Column<string>(maxLength: 200, nullable: false),
            Kind = table.Column<int>(nullable: false),
            Description = table.Column<string>(maxLength: 4000, nullable: true),
            Address = table.Column<string>(maxLength: 200, nullable: true),
            PostalCode = table.Column<string>(maxLength: 5, nullable: true),
            City = table.Column<string>(maxLength: 120, nullable: true),
            Email = table.Column<string>(maxLength: 256, nullable: true),
            Phone = table.Column<string>(maxLength: 40, nullable: true),
            Website = table.Column<string>(maxLength: 300, nullable: true),
            TaxCode = table.Column<string>(maxLength: 16, nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
            UpdatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Partners", x => new { x.Id });
            table.ForeignKey(name: "FK_Partners_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "Invitations", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Email = table.Column<string>(maxLength: 256, nullable: false),
            Role = table.Column<int>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: true),
            TokenHash = table.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = table.Column<DateTime>(nullable: false),
            ExpiresAt = table.Column<DateTime>(nullable: false),
            AcceptedAt = table.Column<DateTime>(nullable: true),
            InvitedByUserId = table.Column<Guid>(nullable: true),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Invitations", x => new { x.Id });
            table.ForeignKey(name: "FK_Invitations_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_Invitations_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "Memberships", columns: table => new
        {
            Id = table.Column<Guid>(nullable: false),
            UserId = table.Column<Guid>(nullable: false),
            NetworkId = table.Column<Guid>(nullable: false),
            Role = table.Column<int>(nullable: false),
            PartnerId = table.Column<Guid>(nullable: true),
            CreatedAt = table.Column<DateTime>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_Memberships", x => new { x.Id });
            table.ForeignKey(name: "FK_Memberships_AspNetUsers_UserId", column: x => x.UserId, principalTable: "AspNetUsers", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_Memberships_Networks_NetworkId", column: x => x.NetworkId, principalTable: "Networks", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_Memberships_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateTable(name: "PartnerComuni", columns: table => new
        {
            PartnerId = table.Column<Guid>(nullable: false),
            ComuneId = table.Column<Guid>(nullable: false),
        }, constraints: table =>
        {
            table.PrimaryKey("PK_PartnerComuni", x => new { x.PartnerId, x.ComuneId });
            table.ForeignKey(name: "FK_PartnerComuni_Comuni_ComuneId", column: x => x.ComuneId, principalTable: "Comuni", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            table.ForeignKey(name: "FK_PartnerComuni_Partners_PartnerId", column: x => x.PartnerId, principalTable: "Partners", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
        });

        migrationBuilder.CreateIndex(name: "IX_AspNetRoleClaims_RoleId", table: "AspNetRoleClaims", column: "RoleId");
        migrationBuilder.CreateIndex(name: "RoleNameIndex", table: "AspNetRoles", column: "NormalizedName", unique: true);
        migrationBuilder.CreateIndex(name: "IX_AspNetUserClaims_UserId", table: "AspNetUserClaims", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_AspNetUserLogins_UserId", table: "AspNetUserLogins", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_AspNetUserPasskeys_UserId", table: "AspNetUserPasskeys", column: "UserId");
        migrationBuilder.CreateIndex(name: "IX_AspNetUserRoles_RoleId", table: "AspNetUserRoles", column: "RoleId");
        migrationBuilder.CreateIndex(name: "EmailIndex", table: "AspNetUsers", column: "NormalizedEmail");
        migrationBuilder.CreateIndex(name: "UserNameIndex", table: "AspNetUsers", column: "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_NetworkId_At", table: "AuditEntries", columns: new[] { "NetworkId", "At" });
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_UserId_At", table: "AuditEntries", columns: new[] { "UserId", "At" });
        migrationBuilder.CreateIndex(name: "IX_Comuni_NetworkId_Name", table: "Comuni", columns: new[] { "NetworkId", "Name" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_Invitations_NetworkId_Email", table: "Invitations", columns: new[] { "NetworkId", "Email" });
        migrationBuilder.CreateIndex(name: "IX_Invitations_PartnerId", table: "Invitations", column: "PartnerId");
        migrationBuilder.CreateIndex(name: "IX_Invitations_TokenHash", table: "Invitations", column: "TokenHash", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Memberships_NetworkId_Role", table: "Memberships", columns: new[] { "NetworkId", "Role" });
        migrationBuilder.CreateIndex(name: "IX_Memberships_PartnerId", table: "Memberships", column: "PartnerId");
        migrationBuilder.CreateIndex(name: "IX_Memberships_UserId_NetworkId_Role_PartnerId", table: "Memberships", columns: new[] { "UserId", "NetworkId", "Role", "PartnerId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_Networks_Slug", table: "Networks", column: "Slug", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PartnerComuni_ComuneId", table: "PartnerComuni", column: "ComuneId");
        migrationBuilder.CreateIndex(name: "IX_Partners_NetworkId_Kind", table: "Partners", columns: new[] { "NetworkId", "Kind" });
        migrationBuilder.CreateIndex(name: "IX_Partners_NetworkId_NameKey", table: "Partners", columns: new[] { "NetworkId", "NameKey" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "PartnerComuni");
        migrationBuilder.DropTable(name: "Memberships");
        migrationBuilder.DropTable(name: "Invitations");
        migrationBuilder.DropTable(name: "Partners");
        migrationBuilder.DropTable(name: "Comuni");
        migrationBuilder.DropTable(name: "AspNetUserTokens");
        migrationBuilder.DropTable(name: "AspNetUserRoles");
        migrationBuilder.DropTable(name: "AspNetUserPasskeys");
        migrationBuilder.DropTable(name: "AspNetUserLogins");
        migrationBuilder.DropTable(name: "AspNetUserClaims");
        migrationBuilder.DropTable(name: "AspNetRoleClaims");
        migrationBuilder.DropTable(name: "Networks");
        migrationBuilder.DropTable(name: "DataProtectionKeys");
        migrationBuilder.DropTable(name: "AuditEntries");
        migrationBuilder.DropTable(name: "AspNetUsers");
        migrationBuilder.DropTable(name: "AspNetRoles");
    }
}
