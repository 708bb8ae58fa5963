"""Session 57 (QA142 F1): words Whisper wrote at one instant with low confidence beside a faint
second voice have no sound — no one said them; a stamped run of fillers keeps its count."""

from __future__ import annotations

from voice_coach.transcriber import Word, _build, squeezed_words

# Whisper's words around 30 s of the tester's A6.wav (run1/A6_review.json): "I collected real
# mixed messages, I added a transliteration step" was said
A6 = [("I", 28.36, 28.46, 0.992), ("collected", 28.46, 28.86, 0.935), ("real", 28.86, 29.2, 0.925),
      ("mixed", 29.2, 29.6, 0.936), ("messages,", 29.6, 29.98, 0.999), ("and", 29.98, 29.98, 0.54),
      ("I", 29.98, 29.98, 0.226), ("just", 29.98, 29.98, 0.029), ("wanted", 29.98, 29.98, 0.089),
      ("to", 29.98, 29.98, 0.852), ("see", 29.98, 29.98, 0.036), ("how", 29.98, 29.98, 0.239),
      ("much", 29.98, 29.98, 0.152), ("of", 29.98, 29.98, 0.099), ("the", 29.98, 29.98, 0.176),
      ("messages", 29.98, 29.98, 0.122), ("I", 29.98, 29.98, 0.282), ("had", 29.98, 29.98, 0.148),
      ("to", 29.98, 29.98, 0.048), ("do.", 29.98, 29.98, 0.169), ("I", 29.98, 30.42, 0.483),
      ("added", 30.42, 30.7, 0.985), ("a", 30.7, 31.04, 0.968),
      ("transliteration", 31.04, 31.76, 0.721), ("step,", 31.76, 32.04, 0.976)]


def _words(rows):
    return [Word(*r) for r in rows]


def test_words_stamped_at_one_instant_with_low_confidence_have_no_sound():
    words = _words(A6)
    gone = squeezed_words(words)
    assert " ".join(words[i].text for i in sorted(gone)) == \
        "and I just wanted to see how much of the messages I had to do."


def test_the_transcript_keeps_only_the_words_said():
    t = _build([(28.36, 32.04, " ".join(r[0] for r in A6), [(f" {w}", s, e, p) for w, s, e, p in A6])],
               offset_s=0.0, duration_s=40.0, backend="faster-whisper", model="tiny.en")
    assert t.text == "I collected real mixed messages, I added a transliteration step,"


def test_a_stamped_run_of_fillers_keeps_every_filler():
    rows = [("so", 1.0, 1.2, 0.9), ("uh,", 1.3, 1.3, 0.2), ("uh,", 1.3, 1.3, 0.2),
            ("uh,", 1.3, 1.3, 0.2), ("we", 1.3, 1.5, 0.9)]
    assert squeezed_words(_words(rows)) == set()


def test_confident_words_with_collapsed_times_are_kept():
    rows = [("the", 5.0, 5.0, 0.95), ("model", 5.0, 5.0, 0.9), ("failed", 5.0, 5.0, 0.92)]
    assert squeezed_words(_words(rows)) == set()
