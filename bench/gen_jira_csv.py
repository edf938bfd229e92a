#!/usr/bin/env python3
"""gen_jira_csv.py N: a Jira Cloud-style "all fields" CSV of N issues on
stdout, for bench/import_bench.sh: repeated Sprint (6) and Comment (4)
columns, Blocks links written on both issues' rows (a lower key blocks a
higher one, so there is no cycle), Relates links, one epic per 100 issues,
a mix of done, in-progress and to-do issues, estimates in seconds or story
points. Deterministic."""
import csv, random, sys

n = int(sys.argv[1])
rnd = random.Random(12)
head = (["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Resolution", "Assignee", "Created",
         "Updated", "Resolved"] + ["Sprint"] * 6 + ["Original estimate", "Remaining Estimate",
         "Custom field (Story Points)", "Custom field (Team)"] + ["Comment"] * 4 +
        ["Inward issue link (Blocks)"] * 2 + ["Outward issue link (Blocks)"] * 2 +
        ["Inward issue link (Relates)", "Parent key", "Parent summary", "Status Category"])
blocks = {}  # successor -> predecessors
for i in range(1, n + 1):
    if i % 100 == 1:
        continue
    ps = [p for p in (i - 1, i - rnd.randint(2, 50)) if p >= 1 and p % 100 != 1]
    blocks[i] = sorted(set(ps))[:2]
succ = {}
for s, ps in blocks.items():
    for p in ps:
        succ.setdefault(p, []).append(s)
w = csv.writer(sys.stdout, lineterminator="\r\n")
w.writerow(head)
teams = ["Payments", "Checkout", "Platform", "Search", "Mobile", "Data"]
for i in range(1, n + 1):
    key = f"PAY-{i}"
    epic = i % 100 == 1
    ep = (i - 1) // 100 * 100 + 1
    r = rnd.random()
    cat, status, res = (("Done", "Done", "Done") if r < 0.3 else ("In Progress", "In Progress", "") if r < 0.4
                        else ("To Do", "To Do", ""))
    day = 1 + i % 28
    est = rnd.choice(["", str(rnd.randint(1, 10) * 28800), "1w 2d"])
    sp = "" if est else str(rnd.choice([1, 2, 3, 5, 8]))
    ins = [f"PAY-{p}" for p in blocks.get(i, [])] + ["", ""]
    outs = [f"PAY-{s}" for s in succ.get(i, [])[:2]] + ["", ""]
    w.writerow([f"Issue {i}: do the \"thing\", part {i % 7}", key, str(10000 + i), "Epic" if epic else "Story",
                status, res, f"Person {i % 40}", f"{day:02d}/Feb/26 9:00 AM", f"{day:02d}/Mar/26 5:00 PM",
                f"{day:02d}/Mar/26 5:00 PM" if res else ""] +
               [f"Sprint {k}" if k < i % 7 else "" for k in range(6)] +
               [est, "" if not est or res else str(28800), sp, teams[i % 6]] +
               ["a comment,\nover two lines" if i % 5 == 0 else "", "", "", ""] +
               ins[:2] + outs[:2] + [f"PAY-{i + 3}" if i % 9 == 0 and i + 3 <= n else "",
                                     "" if epic else f"PAY-{ep}", "" if epic else f"Epic {ep}", cat])
