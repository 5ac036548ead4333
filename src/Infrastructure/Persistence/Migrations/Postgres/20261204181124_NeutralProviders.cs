using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Natero.Connectors.Infrastructure.Persistence.Migrations.Postgres
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

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AccessTokenExpiresAt",
                table: "ProviderConnections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccountEdition",
                table: "ProviderConnections",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccountName",
                table: "ProviderConnections",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ApiRequestsMax",
                table: "ProviderConnections",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ApiRequestsRemaining",
                table: "ProviderConnections",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReadinessCheckedAt",
                table: "ProviderConnections",
                type: "timestamp with time zone",
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
