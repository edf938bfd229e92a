#!/usr/bin/env python3
"""peer_jira_csv.py FILE: the peer of `baton import jira` in
bench/import_bench.sh: Python's csv module reading the same export by
position (keys, link columns, estimates) into dicts and printing one line
per issue, about the least a script doing the import would do."""
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    rows = csv.reader(f)
    head = next(rows)
    k = head.index("Issue key")
    est = head.index("Original estimate")
    links = [i for i, h in enumerate(head) if h.endswith("issue link (Blocks)")]
    issues, out = {}, []
    for r in rows:
        issues[r[k]] = (r[est], [r[i] for i in links if i < len(r) and r[i]])
    for key, (e, ls) in issues.items():
        out.append(f"task {key.lower()} estimate {e or 3}d after {', '.join(l.lower() for l in ls)}\n")
    sys.stdout.write("".join(out))
