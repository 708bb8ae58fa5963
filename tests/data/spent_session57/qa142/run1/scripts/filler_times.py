"""Approximate time of each filler in a generated answer: synthesize the prefix ending on it, take its speech end."""
import json, re, subprocess, sys, wave, tempfile
import numpy as np
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
RUN = Path("/work/evaldata57/qa142/run1")
GT = json.loads((RUN / "ground_truth.json").read_text())
F = {"uh", "um", "er", "hmm", "ah", "mm"}
def end_of(text, voice, rate):
    ssml = "<speak>" + re.sub(r"\{([\d.]+)\}", lambda m: f'<break time="{int(float(m.group(1))*1000)}ms"/>', text) + "</speak>"
    with tempfile.TemporaryDirectory() as d:
        Path(d, "t.ssml").write_text(ssml)
        subprocess.run(["espeak-ng", "-m", "-v", voice, "-s", str(rate), "-w", f"{d}/t.wav", "-f", f"{d}/t.ssml"], check=True)
        with wave.open(f"{d}/t.wav") as w:
            sr = w.getframerate(); x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768
    hop = int(sr * 0.005); n = len(x) // hop
    db = 20 * np.log10(np.sqrt((x[: n * hop].reshape(n, hop) ** 2).mean(1)) + 1e-9)
    return (np.flatnonzero(db > -50)[-1] + 1) * hop / sr
out = {}
for aid in sys.argv[1:]:
    g = GT[aid]; text = (RUN / "texts" / f"{aid}.txt").read_text().strip()
    toks = list(re.finditer(r"\{[\d.]+\}|\S+", text))
    res = []
    for i, m in enumerate(toks):
        w = re.sub(r"[^a-z]", "", m.group().lower())
        if w in F:
            e = end_of(text[: m.end()].rstrip(",."), g["voice"], g["rate"])
            res.append((w, round(e, 2), " ".join(t.group() for t in toks[max(0, i - 3): i + 3])))
    out[aid] = res
    print(aid); [print("  ", r) for r in res]
p = RUN / "filler_times.json"; old = json.loads(p.read_text()) if p.exists() else {}; old.update(out); p.write_text(json.dumps(old, indent=1))
