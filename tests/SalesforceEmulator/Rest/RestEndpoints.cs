using System.Text.Json.Nodes;
using Natero.Connectors.SalesforceEmulator.Hosting;

namespace Natero.Connectors.SalesforceEmulator.Rest;

/// <summary>The REST API on an org's instance host: enough for an access probe and a smoke query.</summary>
internal static class RestEndpoints
{
    private static readonly string[] Resources =
    [
        "tooling",
        "metadata",
        "eclair",
        "folders",
        "prechatForms",
        "contact-tracing",
        "jsonxform",
        "chatter",
        "tabs",
        "appMenu",
        "quickActions",
        "queryAll",
        "commerce",
        "wave",
        "iot",
        "analytics",
        "search",
        "identity",
        "composite",
        "parameterizedSearch",
        "fingerprint",
        "theme",
        "nouns",
        "domino",
        "event",
        "serviceTemplates",
        "recent",
        "connect",
        "licensing",
        "limits",
        "process",
        "async-queries",
        "query",
        "match",
        "emailConnect",
        "compactLayouts",
        "knowledgeManagement",
        "sobjects",
        "actions",
        "support",
    ];

    public static void MapRest(this IEndpointRouteBuilder routes)
    {
        // The version list needs no session, so it proves nothing about API access.
        routes.MapGet("/services/data", Versions).ServedOn(HostRoles.Instance, EmulatorEndpoint.Rest);

        var versioned = routes.MapGroup("/services/data/v{version}").RequireRestAccess();
        versioned.MapGet("/", ResourceMap).ServedOn(HostRoles.Instance, EmulatorEndpoint.Rest);
        versioned.MapGet("/sobjects", DescribeGlobal).ServedOn(HostRoles.Instance, EmulatorEndpoint.Rest);
        versioned.MapGet("/query", Query).ServedOn(HostRoles.Instance, EmulatorEndpoint.Rest);
        versioned
            .MapGet("/limits", static (HttpContext context) => Json.Result(OrgLimits.Describe(context.Caller().Org)))
            .ServedOn(HostRoles.Instance, EmulatorEndpoint.Rest);
        versioned.Map("/{**rest}", RestErrors.NotFound).ServedOn(HostRoles.Instance, EmulatorEndpoint.Rest);
    }

    private static IResult Versions(HttpContext context)
    {
        if (context.Host().Org is { } org)
        {
            RestAccess.ReportUsage(context, org, org.ApiRequestsUsed);
        }

        return Json.Result(
            new JsonArray([
                .. ApiVersions.All.Select(v => new JsonObject
                {
                    ["label"] = v.Label,
                    ["url"] = $"/services/data/v{v.Version}",
                    ["version"] = v.Version,
                }),
            ])
        );
    }

    private static IResult ResourceMap(HttpContext context, string version, HostMap hosts)
    {
        var json = new JsonObject();
        foreach (var resource in Resources)
        {
            json[resource] = resource == "identity" ? hosts.IdentityUrl(context.Caller()) : $"/services/data/v{version}/{resource}";
        }

        return Json.Result(json);
    }

    private static IResult DescribeGlobal(string version) =>
        Json.Result(
            new JsonObject
            {
                ["encoding"] = "UTF-8",
                ["maxBatchSize"] = 200,
                ["sobjects"] = new JsonArray([.. SampleRecords.FieldsByType.Keys.Select(type => Describe(type, version))]),
            }
        );

    private static JsonObject Describe(string type, string version)
    {
        var path = $"/services/data/v{version}/sobjects/{type}";
        return new JsonObject
        {
            ["activateable"] = false,
            ["createable"] = true,
            ["custom"] = false,
            ["deletable"] = true,
            ["keyPrefix"] = type == "Account" ? "001" : "003",
            ["label"] = type,
            ["labelPlural"] = type + "s",
            ["layoutable"] = true,
            ["name"] = type,
            ["queryable"] = true,
            ["retrieveable"] = true,
            ["searchable"] = true,
            ["updateable"] = true,
            ["urls"] = new JsonObject
            {
                ["sobject"] = path,
                ["describe"] = $"{path}/describe",
                ["rowTemplate"] = $"{path}/{{ID}}",
            },
        };
    }

    private static IResult Query(HttpContext context, string version)
    {
        var query = SoqlQuery.Parse(context.Request.Query["q"]);
        if (query is null)
        {
            return RestErrors.Result(
                StatusCodes.Status400BadRequest,
                "MALFORMED_QUERY",
                "The emulator understands only: SELECT field, ... FROM Account|Contact|Organization [LIMIT n]"
            );
        }

        if (string.Equals(query.ObjectType, OrganizationRecord.Type, StringComparison.OrdinalIgnoreCase))
        {
            return QueryOrganization(context.Caller().Org, query, version);
        }

        var type = SampleRecords.FieldsByType.Keys.FirstOrDefault(k =>
            string.Equals(k, query.ObjectType, StringComparison.OrdinalIgnoreCase)
        );
        if (type is null)
        {
            return RestErrors.Result(
                StatusCodes.Status400BadRequest,
                "INVALID_TYPE",
                $"sObject type '{query.ObjectType}' is not supported."
            );
        }

        var known = SampleRecords.FieldsByType[type];
        if (query.Fields.FirstOrDefault(f => !known.Contains(f, StringComparer.OrdinalIgnoreCase)) is { } unknownField)
        {
            return RestErrors.Result(
                StatusCodes.Status400BadRequest,
                "INVALID_FIELD",
                $"No such column '{unknownField}' on entity '{type}'."
            );
        }

        var fields = query.Fields.Select(f => known.First(k => string.Equals(k, f, StringComparison.OrdinalIgnoreCase))).ToList();
        var records = context
            .Caller()
            .Org.Records.Where(r => r.Type == type)
            .Take(query.Limit ?? int.MaxValue)
            .Select(r => Record(r, fields, version))
            .ToList();
        return Json.Result(
            new JsonObject
            {
                ["totalSize"] = records.Count,
                ["done"] = true,
                ["records"] = new JsonArray([.. records]),
            }
        );
    }

    private static IResult QueryOrganization(SalesforceOrg org, SoqlQuery query, string version)
    {
        if (query.Fields.FirstOrDefault(f => !OrganizationRecord.Fields.Contains(f, StringComparer.OrdinalIgnoreCase)) is { } unknownField)
        {
            return RestErrors.Result(
                StatusCodes.Status400BadRequest,
                "INVALID_FIELD",
                $"No such column '{unknownField}' on entity '{OrganizationRecord.Type}'."
            );
        }

        var record = new JsonObject
        {
            ["attributes"] = new JsonObject
            {
                ["type"] = OrganizationRecord.Type,
                ["url"] = $"/services/data/v{version}/sobjects/{OrganizationRecord.Type}/{org.Id}",
            },
        };
        foreach (var field in query.Fields)
        {
            var name = OrganizationRecord.Fields.First(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase));
            record[name] = OrganizationRecord.Value(org, name);
        }

        var records = query.Limit == 0 ? new JsonArray() : new JsonArray(record);
        return Json.Result(
            new JsonObject
            {
                ["totalSize"] = records.Count,
                ["done"] = true,
                ["records"] = records,
            }
        );
    }

    private static JsonObject Record(SObjectRecord record, IReadOnlyList<string> fields, string version)
    {
        var json = new JsonObject
        {
            ["attributes"] = new JsonObject
            {
                ["type"] = record.Type,
                ["url"] = $"/services/data/v{version}/sobjects/{record.Type}/{record.Id}",
            },
        };
        foreach (var field in fields)
        {
            json[field] = record.Fields[field];
        }

        return json;
    }
}
