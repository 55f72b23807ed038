# `sam build` runs build-StarterFunction (BuildMethod: makefile) with ARTIFACTS_DIR set; CI runs it too.
ARTIFACTS_DIR ?= artifacts/starter

.PHONY: build-StarterFunction
build-StarterFunction:
	dotnet publish src/Orchestrator.Starter.Function/Orchestrator.Starter.Function.csproj -f net10.0 -r linux-x64 -c Release \
		-p:TreatWarningsAsErrors=true -o "$(ARTIFACTS_DIR)"
	rm -f "$(ARTIFACTS_DIR)"/*.dbg "$(ARTIFACTS_DIR)"/*.pdb
	test -x "$(ARTIFACTS_DIR)/bootstrap"

# The README's test command: everything the tests need is installed by the script itself.
.PHONY: test
test:
	./scripts/test.sh

# The README's main command: the whole flow offline on the sample job (dynalite, local Step Functions, the real
# starter and state machine, tasks as processes) with injected ENI failures and duplicate deliveries.
.PHONY: demo
demo:
	@[ -d node_modules/dynalite ] || npm ci --no-audit --no-fund --loglevel=error
	dotnet run --project src/Orchestrator.Cli -c Release -- local fire --job nightly-report --slots 4 --deliveries 3 \
		--inject eni=0.4,duplicates=1 --seed 3 --speed 30 --sequential --history
