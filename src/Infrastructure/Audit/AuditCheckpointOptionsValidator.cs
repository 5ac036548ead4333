using Microsoft.Extensions.Options;

namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>Stops start-up on a checkpoint key that is configured but unusable, and on an interval out of range.</summary>
internal sealed class AuditCheckpointOptionsValidator : IValidateOptions<AuditCheckpointOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditCheckpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CheckpointInterval < TimeSpan.FromSeconds(1) || options.CheckpointInterval > TimeSpan.FromDays(1))
        {
            return ValidateOptionsResult.Fail("Audit:CheckpointInterval must be between 00:00:01 and 1.00:00:00.");
        }

        if (string.IsNullOrWhiteSpace(options.CheckpointSigningKeyPath))
        {
            return ValidateOptionsResult.Success;
        }

        using var key = AuditCheckpointSigningKey.TryRead(options.CheckpointSigningKeyPath, out var problem);
        return key is null ? ValidateOptionsResult.Fail(problem!) : ValidateOptionsResult.Success;
    }
}
