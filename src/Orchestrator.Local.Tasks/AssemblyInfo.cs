namespace Orchestrator.Local.Tasks;
