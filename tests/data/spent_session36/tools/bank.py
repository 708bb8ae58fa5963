"""bank.py [--reply KIND REPLY.txt] qid file.txt ... : the brief of these tellings."""
import sys, tempfile
sys.path.insert(0, '/work/main')
from pathlib import Path
from datetime import datetime
from tests.tools import save_practice
from voice_coach import stories
from voice_coach.store import Store
from voice_coach.config import Config
from voice_coach.questions import load_bank
from voice_coach.cli.stories import load_story_bank
from voice_coach.story_report import brief_markdown, story_markdown
args = sys.argv[1:]
with tempfile.TemporaryDirectory() as d:
    root = Path(d) / 'recordings'
    h = 0
    while args:
        reply = kind = None
        if args[0] == '--reply':
            kind, reply = args[1], open(args[2]).read(); args = args[3:]
        qid, text = args[0], open(args[1]).read(); args = args[2:]
        save_practice(Store(root), datetime(2026, 11, 20, 9 + h), qid, text, reply, kind); h += 1
    bank = load_story_bank(Store(root), Config(), load_bank())
    print(brief_markdown(stories.brief_entries(bank, load_bank())))
    for s in bank.stories:
        print(story_markdown(s, bank))
