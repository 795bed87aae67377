"""Reads `jfr print --events jdk.ExecutionSample` on stdin; prints where the gateway's CPU samples fall:
by thread, by the innermost frame (self time) and by the flowctl methods on the stack (inclusive)."""
import collections
import re
import sys

samples = []
thread, stack, in_stack = None, [], False
for line in sys.stdin:
    line = line.strip()
    if line.startswith("sampledThread"):
        thread = re.sub(r"-\d+\"?.*$", "", line.split("=", 1)[1].strip().strip('"'))
    elif line.startswith("stackTrace = ["):
        stack, in_stack = [], True
    elif in_stack and line == "]":
        samples.append((thread, stack))
        in_stack = False
    elif in_stack and line and line != "...":
        stack.append(re.sub(r"\s+line:.*$", "", line))

def show(title, counter, n=12):
    print(f"{title} ({len(samples)} samples):")
    for k, c in counter.most_common(n):
        print(f"  {100 * c / len(samples):5.1f}%  {k}")

show("gateway CPU samples by thread", collections.Counter(t for t, _ in samples), 8)
show("hottest frames (self)", collections.Counter(s[0] for _, s in samples if s))
show("flowctl methods on the stack (inclusive)", collections.Counter(f for _, s in samples for f in set(s) if f.startswith("dev.flowctl")))
