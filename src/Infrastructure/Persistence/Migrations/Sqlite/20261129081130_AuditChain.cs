using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Natero.Connectors.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChainKey",
                table: "AuditEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PrevHash",
                table: "AuditEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "AuditEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ChainKey_Seq",
                table: "AuditEvents",
                columns: new[] { "ChainKey", "Seq" },
                unique: true,
                filter: "\"Seq\" > 0");

            // Events recorded before the chain existed stay outside it (Seq 0) under their own key.
            migrationBuilder.Sql("UPDATE \"AuditEvents\" SET \"ChainKey\" = 'legacy'");
            migrationBuilder.Sql(AuditTriggers.SqliteCreate);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AuditTriggers.SqliteDrop);

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_ChainKey_Seq",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "ChainKey",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "PrevHash",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Seq",
                table: "AuditEvents");
        }
    }
}
