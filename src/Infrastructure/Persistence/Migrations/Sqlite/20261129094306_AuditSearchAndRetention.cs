using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Natero.Connectors.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditSearchAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Action_OccurredAt",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_TenantId_OccurredAt",
                table: "AuditEvents");

            migrationBuilder.CreateTable(
                name: "AuditAnchors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChainKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ArchivedThroughSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    ArchivedThroughHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ArchivedCount = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ArchiveFile = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ArchiveSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditAnchors", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_OccurredAt_Id",
                table: "AuditEvents",
                columns: new[] { "Action", "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OccurredAt_Id",
                table: "AuditEvents",
                columns: new[] { "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Target_OccurredAt_Id",
                table: "AuditEvents",
                columns: new[] { "Target", "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TenantId_OccurredAt_Id",
                table: "AuditEvents",
                columns: new[] { "TenantId", "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditAnchors_ChainKey_ArchivedThroughSeq",
                table: "AuditAnchors",
                columns: new[] { "ChainKey", "ArchivedThroughSeq" },
                unique: true);

            migrationBuilder.Sql(AuditTriggers.AnchorsSqliteCreate);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AuditTriggers.AnchorsSqliteDrop);

            migrationBuilder.DropTable(
                name: "AuditAnchors");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Action_OccurredAt_Id",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_OccurredAt_Id",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Target_OccurredAt_Id",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_TenantId_OccurredAt_Id",
                table: "AuditEvents");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_OccurredAt",
                table: "AuditEvents",
                columns: new[] { "Action", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TenantId_OccurredAt",
                table: "AuditEvents",
                columns: new[] { "TenantId", "OccurredAt" });
        }
    }
}
