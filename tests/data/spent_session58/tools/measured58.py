"""Write round84-86/MEASURED.md from out_start_*.txt and out_final_*.txt, and print the pooled table.
usage: python3 measured.py START_COMMIT FINAL_COMMIT"""
import re, sys, pathlib
D = pathlib.Path(__file__).resolve().parents[1]
ROUNDS = {"round84": "Oyunaa, Darkhan/Ulaanbaatar", "round85": "Juhani, Oulu/Helsinki", "round86": "Valentina, Antofagasta/Santiago"}
start, final = sys.argv[1], sys.argv[2]


def read(p):
    out = {}
    for line in p.read_text().splitlines():
        m = re.match(r"\| (\S+) \| (\d+)/(\d+) \| ", line)
        if m:
            out[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return out


pooled = {}
for r, who in ROUNDS.items():
    t = {(tag, L): read(D / r / f"out_{tag}_{L}.txt") for tag in ("start", "final") for L in "AB"}
    labels = list(t[("start", "A")])
    rows = [f"# Round {r[5:]} ({who}), held out: measured on the session-start code ({start}, "
            f"out_start_*) and the final code ({final}, out_final_*), never read between", "",
            "Command: `PYTHONPATH=CODE python tests/data/spent_session26/tools/structacc.py OUT.json "
            "ANSWERS:LABELS` (`tools/measure58.sh CODE TAG`)", "",
            "| label | start vs A | final vs A | start vs B | final vs B |", "|---|---|---|---|---|"]
    for lab in labels:
        cells = []
        for L in "AB":
            for tag in ("start", "final"):
                k, n = t[(tag, L)][lab]
                cells.append(f"{k / n:.3f}")
                a = pooled.setdefault((lab, tag, L), [0, 0])
                a[0] += k
                a[1] += n
        rows.append(f"| {lab} | {cells[0]} | {cells[1]} | {cells[2]} | {cells[3]} |")
    (D / r / "MEASURED.md").write_text("\n".join(rows) + "\n")
print("| label | start vs A | final vs A | start vs B | final vs B |")
print("|---|---|---|---|---|")
for lab in labels:
    c = [pooled[(lab, tag, L)] for L in "AB" for tag in ("start", "final")]
    print(f"| {lab} | " + " | ".join(f"{k}/{n}" for k, n in c) + " |")
