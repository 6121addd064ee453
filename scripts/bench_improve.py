"""One line of scripts/bench-improve.sh: a search's calls, time and test rates beside the
hand-written graph's rate on the same test cases. Usage: bench_improve.py NAME START END"""
import json
import sys

name, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
report = json.load(open(f"{name}.json"))
hand = json.load(open(f"{name}.hand.json"))


def rate(r):
    return f"{r['passed']}/{r['total']}" if r else "-"


test = set(report.get("testCaseIDs") or [])
samples = [s for s in hand.get("samples", []) if s["caseID"] in test]
hand_rate = f"{sum(1 for s in samples if s['passed'])}/{len(samples)}"
print(f"{name:<20} {report['calls']:>6} {end - start:>8.1f}  {rate(report.get('baselineTest')):<12} "
      f"{rate(report.get('winnerTest')):<12} {hand_rate:<12}")
