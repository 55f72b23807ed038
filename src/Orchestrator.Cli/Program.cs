using System.CommandLine;

var root = new RootCommand("Orchestrator: scheduled container jobs on AWS, provable offline.");
return root.Parse(args).Invoke();
