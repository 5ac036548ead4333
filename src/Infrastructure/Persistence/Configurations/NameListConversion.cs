using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Natero.Connectors.Infrastructure.Persistence.Configurations;

internal static class NameListConversion
{
    /// <summary>
    /// Maps a private list of short names (permissions, scopes) to one space-separated column, which
    /// keeps them with their row on both providers.
    /// </summary>
    public static void MapNameList<TEntity>(this EntityTypeBuilder<TEntity> builder, string field, string column)
        where TEntity : class =>
        builder
            .Property<List<string>>(field)
            .HasColumnName(column)
            .HasMaxLength(1024)
            .HasConversion(
                list => string.Join(' ', list),
                text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, name) => HashCode.Combine(hash, name.GetHashCode(StringComparison.Ordinal))),
                    list => list.ToList()
                )
            );
}
