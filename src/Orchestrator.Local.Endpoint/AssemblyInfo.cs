namespace Orchestrator.Local.Endpoint;
