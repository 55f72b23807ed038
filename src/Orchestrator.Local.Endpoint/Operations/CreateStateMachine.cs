using Orchestrator.Local.Endpoint.Protocol;
using Orchestrator.Local.Endpoint.Store;
using Orchestrator.States.Execution;
using Orchestrator.States.Loading;

namespace Orchestrator.Local.Endpoint.Operations;

/// <summary>CreateStateMachine: validates the definition with the engine's loader; idempotent on name + definition + type.</summary>
internal sealed class CreateStateMachine(StateMachineStore store)
    : WireOperation<CreateStateMachineRequest, CreateStateMachineResponse>(WireJsonContext.Default.CreateStateMachineRequest, WireJsonContext.Default.CreateStateMachineResponse)
{
    public override string Name => "CreateStateMachine";

    public override ValueTask<Outcome<CreateStateMachineResponse>> ExecuteAsync(CreateStateMachineRequest request, CancellationToken cancellation)
    {
        var outcome = request switch
        {
            { Name: null } => ServiceError.MissingMember("name"),
            { Definition: null } => ServiceError.MissingMember("definition"),
            { RoleArn: null } => ServiceError.MissingMember("roleArn"),
            _ => Register(request.Name, request.Definition, request.RoleArn, request.Type ?? StateMachineTypes.Standard, replaceExisting: false),
        };
        return ValueTask.FromResult(outcome);
    }

    /// <summary>Stores a state machine; with <paramref name="replaceExisting"/> a different definition replaces the old one (UpdateStateMachine) instead of failing.</summary>
    public Outcome<CreateStateMachineResponse> Register(string name, string definition, string roleArn, string type, bool replaceExisting)
    {
        if (ExecutionNames.Problem(name) is not null)
        {
            return ServiceError.InvalidName(name);
        }

        if (type is not (StateMachineTypes.Standard or StateMachineTypes.Express))
        {
            return ServiceError.Validation($"1 validation error detected: Value '{type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }

        if (definition.Length == 0)
        {
            return ServiceError.Validation("1 validation error detected: Value '' at 'definition' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }

        var loaded = DefinitionLoader.Load(definition);
        if (Rejection(loaded) is { } rejection)
        {
            return rejection;
        }

        var arn = store.Arns.StateMachine(name);
        lock (store.MachinesGate)
        {
            if (store.Machine(arn) is { } existing)
            {
                // AWS: the idempotency check covers name, definition and type; a different roleArn is ignored.
                if (existing.DefinitionText == definition && existing.Type == type)
                {
                    return Outcome.Success(new CreateStateMachineResponse { StateMachineArn = arn, CreationDate = existing.CreationDate });
                }

                if (!replaceExisting)
                {
                    return ServiceError.StateMachineAlreadyExists(arn);
                }
            }

            var machine = new RegisteredStateMachine
            {
                Name = name,
                Arn = arn,
                DefinitionText = definition,
                Definition = loaded.Definition!,
                RoleArn = roleArn,
                Type = type,
                CreationDate = store.Now,
            };
            store.Put(machine);
            return Outcome.Success(new CreateStateMachineResponse { StateMachineArn = arn, CreationDate = machine.CreationDate });
        }
    }

    // AWS answers "SCHEMA_VALIDATION_FAILED: <what> at /States/<state>", problems joined by ", ".
    private static ServiceError? Rejection(LoadResult loaded)
    {
        if (loaded.Problems.Count > 0)
        {
            return ServiceError.InvalidDefinition(string.Join(", ", loaded.Problems.Select(p => $"SCHEMA_VALIDATION_FAILED: {p.Message} at {Where(p.Pointer)}")));
        }

        if (loaded.Unsupported.Count > 0)
        {
            return ServiceError.InvalidDefinition("The local engine cannot run this definition: " + string.Join(", ", loaded.Unsupported.Select(u => $"{u.Message} at {Where(u.Pointer)}")));
        }

        return loaded.Definition is null ? ServiceError.InvalidDefinition("The definition could not be loaded.") : null;
    }

    private static string Where(string pointer) => pointer.Length == 0 ? "/" : pointer;
}
