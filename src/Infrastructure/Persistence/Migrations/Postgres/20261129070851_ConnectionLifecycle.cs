using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Natero.Connectors.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConnectionLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AccessTokenIssuedAt",
                table: "ProviderConnections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextVerificationAt",
                table: "ProviderConnections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VerificationFailureCount",
                table: "ProviderConnections",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "VerificationLeaseExpiresAt",
                table: "ProviderConnections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationLeaseOwner",
                table: "ProviderConnections",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProviderConnections_NextVerificationAt",
                table: "ProviderConnections",
                column: "NextVerificationAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProviderConnections_NextVerificationAt",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "AccessTokenIssuedAt",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "NextVerificationAt",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "VerificationFailureCount",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "VerificationLeaseExpiresAt",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "VerificationLeaseOwner",
                table: "ProviderConnections");
        }
    }
}
