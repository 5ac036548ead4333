using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Natero.Connectors.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OverviewRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiCallTallies",
                columns: table => new
                {
                    Scope = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Calls = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiCallTallies", x => new { x.Scope, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "ConnectionVerifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConnectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CheckedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Healthy = table.Column<bool>(type: "boolean", nullable: false),
                    StatusAfter = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectionVerifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiCallTallies_Day",
                table: "ApiCallTallies",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_ConnectionVerifications_CheckedOn_Healthy",
                table: "ConnectionVerifications",
                columns: new[] { "CheckedOn", "Healthy" });

            migrationBuilder.CreateIndex(
                name: "IX_ConnectionVerifications_ConnectionId_CheckedAt_Id",
                table: "ConnectionVerifications",
                columns: new[] { "ConnectionId", "CheckedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiCallTallies");

            migrationBuilder.DropTable(
                name: "ConnectionVerifications");
        }
    }
}
