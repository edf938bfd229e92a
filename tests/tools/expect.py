#!/usr/bin/env python3
"""Assert `# expect TASK key=value ...` lines of a plan on a command's JSON
(tasks, milestones or risks, by id).

Values are compared as the JSON prints them (dates as YYYY-MM-DD, numbers,
true/false). Exit 1 with one line per mismatch."""
import json
import sys

plan, js, key = sys.argv[1:4]
doc = json.load(open(js))
nodes = {}
for kind in ("tasks", "milestones", "risks"):
    nodes.update({x["id"]: x for x in doc.get(kind, [])})
bad = 0
for line in open(plan):
    words = line.split()
    if len(words) < 3 or words[0] != "#" or words[1] != key:
        continue
    tid = words[2]
    node = nodes.get(tid)
    if node is None:
        print(f"{tid}: not in the schedule")
        bad += 1
        continue
    for kv in words[3:]:
        k, v = kv.split("=", 1)
        got = node.get(k)
        if isinstance(got, bool):
            got = "true" if got else "false"
        if str(got) != v:
            print(f"{tid}.{k}: expected {v}, got {got}")
            bad += 1
sys.exit(1 if bad else 0)
