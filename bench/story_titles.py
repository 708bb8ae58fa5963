"""Story titles, before/after: how many title words were misheard (real audio) and how much of
a title is about its story (text).

Text: the story tuning sets with a human title per story (tests/data/stories_tuning_3…6,
`groups.toml`; tuning material, never the frozen sets). Each story's answers (not follow-up
replies) in telling order, text only (no word probabilities). Per title: words, the share of
its content words that the human title also has ("on topic"), and whether it cuts a phrase
(starts or ends inside one: the word before / after it in its clause is no function word).

Audio: recordings folders whose answers were spoken from a known script (`--audio DIR=SCRIPTS`:
SCRIPTS a folder of .txt scripts or a tuning .toml; each answer is matched to its closest
script). Each title's words are lined up with the script: a title word not in the script was
misheard.

"Before" titles come from another checkout (`--before-root`, e.g. the main branch before this
change), run in a subprocess on the same stories.

"Clauses" counts titles that read as a clause rather than a noun phrase naming the project
(`is_clause`: a subject pronoun, or a word English has only as a verb, by lemminflect's lexicon).

Usage: python bench/story_titles.py [--before-root DIR] [--audio REC[=SCRIPTS] ...] [--list]
Writes bench/results/story_titles.{md,json} and prints the tables.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from common import md_table, write_results  # noqa: E402

TITLED_SETS = ("stories_tuning_3", "stories_tuning_4", "stories_tuning_5", "stories_tuning_6",
               "stories_tuning_7", "stories_tuning_8",
               # session 12's spent set 14, tuning material (another branch moves it to
               # stories_tuning_9; whichever exists is read)
               "stories_tuning_9|spent_session12/stories14")
# a word that may stand next to a whole phrase: the phrase before or after it is not cut
BOUNDARY = frozenset("""a an the and or but so because which that who whom whose when while where
with for to in on at by from into of than after before as until since during about over under
without within through across against per via is was were are had has have will would could
should can did do does then also i we he she they it you my our their his her its this these
those not""".split())


def _norm(w: str) -> str:
    return re.sub(r"[^a-z0-9%$']", "", w.lower())


# --- titles, computed by whichever checkout is on sys.path ---------------------------------------

def titles_here(stories: list[list[tuple[str, list[float | None]]]]) -> list[str]:
    """One title per story (its answers as (text, probabilities)), by this checkout's code."""
    try:
        from voice_coach.analysis.titles import TitleSource, story_title
    except ImportError:  # before: the title of the first telling alone
        from types import SimpleNamespace

        from voice_coach.stories import _title
        return [_title(SimpleNamespace(text=s[0][0])) for s in stories]
    return [story_title([TitleSource(t, tuple(h)) for t, h in s]) for s in stories]


def titles_in(root: Path | None, stories: list) -> list[str]:
    if root is None:
        return titles_here(stories)
    code = (f"import json, sys; sys.path.insert(0, {str(root)!r}); "
            f"sys.path.insert(1, {str(ROOT / 'bench')!r}); "
            "from story_titles import titles_here; "
            "print(json.dumps(titles_here(json.load(sys.stdin))))")
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(stories), text=True,
                         capture_output=True, check=True, cwd=root,
                         env={**os.environ, "PYTHONPATH": str(root)})
    return json.loads(out.stdout)


# --- text sets -------------------------------------------------------------------------------------

def text_stories(folder: Path) -> tuple[list[list[tuple[str, list]]], list[str]]:
    """The set's stories (answers, oldest session first) and their human titles."""
    tellings = tomllib.loads((folder / "tellings.toml").read_text(encoding="utf-8"))["telling"]
    groups = tomllib.loads((folder / "groups.toml").read_text(encoding="utf-8"))["story"]
    by_id = {t["id"]: t for t in tellings}
    stories, human = [], []
    for g in groups:
        main = [by_id[i] for i in g["tellings"] if not by_id[i].get("follow_up_of")]
        main.sort(key=lambda t: (t["session"], t["id"]))
        stories.append([(" ".join(t["text"].split()), []) for t in main])
        human.append(g["title"])
    return stories, human


# a title is a clause, not a noun phrase naming the project, when it holds a subject pronoun or
# a word that English has only as a verb (lemminflect's lexicon, a dev dependency: independent
# of the word lists `analysis.titles` breaks noun phrases at), not an -ing form and not after a
# determiner ("a retrained adapter" is a noun phrase, "we retrained the adapter" a clause)
SUBJECTS = frozenset("i we they he she you i'm we're we've we'd they're it's there's".split())
DETERMINERS = frozenset("a an the my our their his her its your this that these those each every "
                        "some any no".split())


def _verb_or_subject(w: str) -> bool:
    """A subject pronoun, or a word English has only as a verb (not an -ing form)."""
    from lemminflect import getAllLemmas

    pos = set(getAllLemmas(w)) if w and "-" not in w and not w.endswith("ing") else set()
    return w in SUBJECTS or bool(pos and pos <= {"VERB", "AUX"})


def is_clause(title: str) -> bool:
    """The title reads as a clause ("we had to move fast", "At Tallyline I inherited an on-call
    rota"), not a noun phrase ("the pricing model at Keystone Freight")."""
    from lemminflect import getAllLemmas

    said = title.split()
    words = [w.strip(",.;:!?\"'()").lower().replace("\u2019", "'") for w in said]
    for k, w in enumerate(words):
        if w in SUBJECTS:
            return True
        if k and said[k][:1].isupper():  # a name ("Ask Tallyline")
            continue
        if not w or "-" in w or w.endswith("ing") or (k and words[k - 1] in DETERMINERS):
            continue
        pos = set(getAllLemmas(w))
        if pos and pos <= {"VERB", "AUX"}:
            return True
    return False


def _content(text: str) -> set[str]:
    from voice_coach.analysis.story_similarity import features
    return {f[2:] for f in features(text) if f[0] in "wp"}


def on_topic(title: str, human: str) -> float:
    mine = _content(title)
    return len(mine & _content(human)) / len(mine) if mine else 0.0


def cuts_phrase(title: str, texts: list[str]) -> bool:
    """The title starts or ends inside a phrase of the telling it came from."""
    words = title.split()
    for text in texts:
        toks = text.split()
        low = [_norm(w) for w in toks]
        want = [_norm(w) for w in words]
        for i in range(len(toks) - len(words) + 1):
            if low[i:i + len(words)] != want:
                continue
            j = i + len(words)
            # a noun phrase next to its verb or subject cuts no phrase ("our congestion
            # forecast | went flat"), nor does one that opens with its article ("I own | our
            # streaming service")
            start_ok = (i == 0 or toks[i - 1][-1] in ",.;:!?" or low[i - 1] in BOUNDARY
                        or _verb_or_subject(low[i - 1]) or want[0] in DETERMINERS)
            end_ok = (j == len(toks) or toks[j - 1][-1] in ",.;:!?" or low[j] in BOUNDARY
                      or _verb_or_subject(low[j]))
            return not (start_ok and end_ok)
    return False


# --- audio sets ------------------------------------------------------------------------------------

def _scripts(spec: Path) -> list[list[str]]:
    if spec.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(spec.glob("*.txt"))]
    else:
        texts = [t["text"] for t in tomllib.loads(spec.read_text(encoding="utf-8"))["telling"]]
    return [[w for w in map(_norm, t.split()) if w] for t in texts]


def _heard_right(text: str, scripts: list[list[str]]) -> list[bool]:
    hyp = [_norm(w) for w in text.split()]
    ref = max(scripts, key=lambda r: difflib.SequenceMatcher(None, hyp, r,
                                                              autojunk=False).ratio())
    ok = [False] * len(hyp)
    for a, _, n in difflib.SequenceMatcher(None, hyp, ref, autojunk=False).get_matching_blocks():
        ok[a:a + n] = [True] * n
    return ok


def audio_stories(rec: Path) -> list[list[tuple[str, list]]]:
    """The stories of a recordings folder as `voice-coach stories` groups them."""
    from voice_coach.cli.stories import load_story_bank
    from voice_coach.config import Config
    from voice_coach.questions import load_bank
    from voice_coach.store import Store
    from voice_coach.stories import build_bank  # noqa: F401  (the grouping of this checkout)

    bank = load_story_bank(Store(rec), Config(), load_bank())
    return [[(t.text, list(getattr(t, "heard", ()) or ())) for t in s.tellings if not t.is_reply]
            for s in bank.stories]


def misheard(title: str, story: list[tuple[str, list]], scripts: list[list[str]]) -> int:
    want = [_norm(w) for w in title.split()]
    for text, _ in story:
        low = [_norm(w) for w in text.split()]
        for i in range(len(low) - len(want) + 1):
            if low[i:i + len(want)] == want:
                ok = _heard_right(text, scripts)[i:i + len(want)]
                return sum(not o for o, w in zip(ok, want) if w)
    return 0


# --- main ------------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before-root", type=Path, help="checkout giving the titles before")
    ap.add_argument("--audio", action="append", default=[], metavar="REC[=SCRIPTS]",
                    help="a recordings folder; with its scripts, misheard title words counted")
    ap.add_argument("--list", action="store_true", help="print every title, before and after")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    rows, listing, data = [], [], {}
    for spec in TITLED_SETS:
        folder = next((ROOT / "tests" / "data" / p for p in spec.split("|")
                       if (ROOT / "tests" / "data" / p).exists()), None)
        if folder is None:
            continue
        name = folder.name
        stories, human = text_stories(folder)
        runs = {"after": titles_in(None, stories)}
        if args.before_root:
            runs = {"before": titles_in(args.before_root, stories), **runs}
        for label, titles in runs.items():
            texts = [[t for t, _ in s] for s in stories]
            rows.append([name, label, str(len(titles)),
                         f"{sum(len(t.split()) for t in titles) / len(titles):.1f}",
                         f"{sum(on_topic(t, h) for t, h in zip(titles, human)) / len(titles):.2f}",
                         str(sum(cuts_phrase(t, x) for t, x in zip(titles, texts))),
                         str(sum(map(is_clause, titles)))])
        data[name] = {"human": human, **runs}
        listing += [f"{name} · {h}\n" + "".join(
                    f"    {lab:6} {runs[lab][k]}{' [clause]' if is_clause(runs[lab][k]) else ''}\n"
                    for lab in runs)
                    for k, h in enumerate(human)]
    text_table = md_table(["set", "titles", "stories", "words", "on topic", "cut a phrase",
                           "clauses"], rows)
    audio_rows = []
    for spec in args.audio:
        rec, scripts = Path(spec.split("=", 1)[0]), spec.split("=", 1)[1:]
        stories = audio_stories(rec)
        refs = _scripts(Path(scripts[0])) if scripts else None  # none: misheard not counted
        runs = {"after": titles_in(None, stories)}
        if args.before_root:
            runs = {"before": titles_in(args.before_root, stories), **runs}
        for label, titles in runs.items():
            wrong = [misheard(t, s, refs) if refs else 0 for t, s in zip(titles, stories)]
            texts = [[t for t, _ in s] for s in stories]
            audio_rows.append([rec.name, label, str(len(titles)),
                               f"{sum(len(t.split()) for t in titles) / len(titles):.1f}",
                               str(sum(wrong)) if refs else "—",
                               str(sum(w > 0 for w in wrong)) if refs else "—",
                               str(sum(cuts_phrase(t, x) for t, x in zip(titles, texts))),
                               str(sum(map(is_clause, titles)))])
        data[str(rec)] = runs
        listing += [f"{rec.name} · story {k + 1}\n" + "".join(
                    f"    {lab:6} {runs[lab][k]}{' [clause]' if is_clause(runs[lab][k]) else ''}\n"
                    for lab in runs)
                    for k in range(len(stories))]
    audio_table = md_table(["recordings", "titles", "stories", "words", "misheard words",
                            "titles with one", "cut a phrase", "clauses"], audio_rows) if audio_rows else ""
    md = ("Text (tuning sets with human titles; no word probabilities):\n\n" + text_table
          + ("\n\nAudio (Whisper tiny.en; words checked against the script):\n\n"
             + audio_table if audio_table else ""))
    print(write_results("story_titles", "Story titles", md, data).read_text())
    if args.list:
        print("\n".join(listing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
