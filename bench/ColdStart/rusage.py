#!/usr/bin/env python3
"""Run a command; write its CPU time (user + system, microsecond resolution from wait4) and peak RSS as JSON.

Wall-clock cold starts swing with machine load; CPU time barely does, so the report carries both.
/usr/bin/time prints CPU seconds with two decimals only, too coarse for a 20 ms process.
usage: rusage.py OUT.json COMMAND [ARGS...]
"""
import json
import os
import sys

out, command = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(out, "w", encoding="utf-8") as f:
    json.dump({"userMs": usage.ru_utime * 1000, "sysMs": usage.ru_stime * 1000, "maxRssKb": usage.ru_maxrss}, f)
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
