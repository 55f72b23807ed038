namespace Orchestrator.Templates;
