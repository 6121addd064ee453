#!/usr/bin/env python3
"""Engine overhead on real model calls (issue 3's benchmark).

1. A chain of N llm nodes run by `patchbay run` against the long-lived local server, versus the
   same N requests made back to back by curl (each prompt is the previous answer, as in the
   chain). Temperature 0 and a seed make both paths ask the same questions and get the same
   answers, so the difference is Patchbay's own cost: process start, graph load, engine, HTTP.
2. Time to first token: from starting `patchbay run --events` to its first `token` event, versus
   the model's own time to first token for the same request measured with curl.

Usage: bench_llm.py PATCHBAY_BIN BASE_URL [N] [ROUNDS]
"""
import json, os, statistics, subprocess, sys, tempfile, time

patchbay, base_url = sys.argv[1], sys.argv[2].rstrip("/")
n = int(sys.argv[3]) if len(sys.argv) > 3 else 8
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
MAX_TOKENS, SEED, START = 16, 1, "The old lighthouse keeper opened the door and"

def body(prompt):
    # Field for field what Patchbay's OpenAI back end sends for a `mode: complete` node.
    return {"model": "gemma3-270m", "prompt": prompt, "stream": True, "stream_options": {"include_usage": True},
            "temperature": 0, "max_tokens": MAX_TOKENS, "seed": SEED}

def curl_stream(prompt):
    """One streamed completion through curl; returns (text, seconds to first token)."""
    start = time.perf_counter()
    proc = subprocess.Popen(["curl", "-sSN", "--fail", f"{base_url}/completions", "-H", "content-type: application/json",
                             "-d", json.dumps(body(prompt))], stdout=subprocess.PIPE, text=True)
    text, first = "", None
    for line in proc.stdout:
        if not line.startswith("data: ") or line.startswith("data: [DONE]"):
            continue
        chunk = json.loads(line[6:])
        delta = (chunk.get("choices") or [{}])[0].get("text") or ""
        if delta and first is None:
            first = time.perf_counter() - start
        text += delta
    if proc.wait() != 0:
        sys.exit("curl failed: is the local server up?")
    return text, first

def direct_chain():
    start, prompt, answers = time.perf_counter(), START, []
    for _ in range(n):
        prompt, _ = curl_stream(prompt)
        answers.append(prompt)
    return time.perf_counter() - start, answers

folder = tempfile.mkdtemp(prefix="patchbay-bench-llm-")
open(os.path.join(folder, "patchbay.toml"), "w").close()  # the project: built-in config only
lines = ["patchbay: 1", "title: LLM chain benchmark", "nodes:", "  start: { kind: input, type: string }"]
wires, previous = [], "start"
for i in range(n):
    lines += [f"  n{i}:", "    kind: llm", "    model: default", "    mode: complete", "    prompt: \"{{prev}}\"",
              "    temperature: 0", f"    max_tokens: {MAX_TOKENS}", f"    seed: {SEED}"]
    wires.append(f"  - {previous} -> n{i}.prev")
    previous = f"n{i}.text"
lines += ["  last: { kind: output, type: string }", "wires:"] + wires + [f"  - {previous} -> last"]
graph = os.path.join(folder, "chain.graph.yaml")
open(graph, "w").write("\n".join(lines) + "\n")

def patchbay_chain():
    start = time.perf_counter()
    out = subprocess.run([patchbay, "run", graph, "--input", f"start={START}", "--json"], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"patchbay run failed:\n{out.stderr}")
    result = json.loads(out.stdout)
    steps = {s["path"]: s for s in result.get("steps", [])}
    return elapsed, [steps[f"n{i}"]["outputs"]["text"] for i in range(n)]

def patchbay_first_token():
    start = time.perf_counter()
    proc = subprocess.Popen([patchbay, "run", graph, "--input", f"start={START}", "--events"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    first = None
    for line in proc.stdout:
        if first is None and json.loads(line).get("event") == "token":
            first = time.perf_counter() - start
    proc.wait()
    return first

curl_stream(START)  # warm the server and its prompt cache on both sides alike
direct, engine, same = [], [], True
for _ in range(rounds):  # alternate so drift hits both sides
    t, a = direct_chain(); direct.append(t)
    t, b = patchbay_chain(); engine.append(t)
    same = same and a == b
model_ttft = [curl_stream(START)[1] for _ in range(rounds)]
patchbay_ttft = [patchbay_first_token() for _ in range(rounds)]

d, e = statistics.median(direct), statistics.median(engine)
mt, pt = statistics.median(model_ttft), statistics.median(patchbay_ttft)
print(json.dumps({"n": n, "rounds": rounds, "max_tokens": MAX_TOKENS, "direct_s": round(d, 3), "patchbay_s": round(e, 3),
                  "ratio": round(e / d, 3), "same_answers": same, "model_ttft_ms": round(mt * 1000, 1),
                  "patchbay_first_token_ms": round(pt * 1000, 1), "patchbay_ttft_overhead_ms": round((pt - mt) * 1000, 1)}))
print(f"chain of {n} llm nodes, median of {rounds}: curl back to back {d:.3f} s, patchbay run {e:.3f} s "
      f"→ {100 * (e / d - 1):+.1f} % (target within 5 %); answers identical: {same}")
print(f"first token: model alone {mt * 1000:.0f} ms, from `patchbay run` start {pt * 1000:.0f} ms "
      f"→ Patchbay adds {(pt - mt) * 1000:.0f} ms (target < 300 ms)")
