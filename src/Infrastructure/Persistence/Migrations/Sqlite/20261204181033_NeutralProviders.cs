using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Natero.Connectors.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NeutralProviders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "MyDomainHost",
                table: "ProviderConnections",
                newName: "SignInHost");

            migrationBuilder.RenameColumn(
                name: "MyDomainHost",
                table: "PendingAuthorizations",
                newName: "SignInHost");

            migrationBuilder.RenameColumn(
                name: "MyDomainHost",
                table: "AuthorizationLinks",
                newName: "SignInHost");

            migrationBuilder.AddColumn<long>(
                name: "AccessTokenExpiresAt",
                table: "ProviderConnections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccountEdition",
                table: "ProviderConnections",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccountName",
                table: "ProviderConnections",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ApiRequestsMax",
                table: "ProviderConnections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ApiRequestsRemaining",
                table: "ProviderConnections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReadinessCheckedAt",
                table: "ProviderConnections",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AccessTokenExpiresAt",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "AccountEdition",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "AccountName",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "ApiRequestsMax",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "ApiRequestsRemaining",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "ReadinessCheckedAt",
                table: "ProviderConnections");

            migrationBuilder.RenameColumn(
                name: "SignInHost",
                table: "ProviderConnections",
                newName: "MyDomainHost");

            migrationBuilder.RenameColumn(
                name: "SignInHost",
                table: "PendingAuthorizations",
                newName: "MyDomainHost");

            migrationBuilder.RenameColumn(
                name: "SignInHost",
                table: "AuthorizationLinks",
                newName: "MyDomainHost");
        }
    }
}
