using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Natero.Connectors.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConnectionLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AccessTokenIssuedAt",
                table: "ProviderConnections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextVerificationAt",
                table: "ProviderConnections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VerificationFailureCount",
                table: "ProviderConnections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "VerificationLeaseExpiresAt",
                table: "ProviderConnections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationLeaseOwner",
                table: "ProviderConnections",
                type: "TEXT",
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
