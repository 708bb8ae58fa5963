"""Session 58's briefs, made from session 57's with new personas (writers, labellers, hear, start QA)."""
import pathlib, re
src = pathlib.Path('/work/main/tests/data/spent_session57/briefs'); dst = pathlib.Path('/work/evaldata58/briefs')
dst.mkdir(parents=True, exist_ok=True)
def fix(t):
    t = t.replace('evaldata57', 'evaldata58').replace('evaldata56', 'evaldata57')
    t = t.replace('including spent_session56', 'including spent_session57')
    t = t.replace('round81, round82, round83, hear57', 'round84, round85, round86, hear58')
    return t
w = fix((src/'WRITER81_BRIEF.md').read_text())
head, rest = w.split('## Persona\n', 1)
_, tail = rest.split('## What to write', 1)
personas = {
 84: ('oyunaa', """Oyunaa, 36, Mongolian, from Darkhan, works in Ulaanbaatar; first an engineer at a
copper mine (crusher-failure forecast, a dust-level alarm), then a data scientist at a bank
(herder micro-loan scoring, a Mongolian/Russian/English chat tagger), now an ML lead at a
food-delivery app (winter delivery-time model, an LLM that answers restaurants). Steady, plain,
slightly formal English with few articles and long lists: "so", "basically", "first … second …
third", "I mean", "more or less", money in tugrik and dollars ("around three hundred million
tugrik, so about ninety thousand dollars"), changes as "it went down from fourteen to five
percent", "almost three times less", "before, every sixth order came late", "we saved half";
"my job was", "I proposed" for her part, "we" for the team; lessons as "what I understood";
names a principle when she means it ("this is Ownership for me"), uses principle words loosely
("we had to be frugal with GPUs", "think big about the winter")."""),
 85: ('juhani', """Juhani, 44, Finnish, from Oulu, works in Helsinki; first an engineer at a paper
mill (paper-break forecast, a roll-defect camera), then a data scientist at an energy company
(household electricity-load forecast, a Finnish/Swedish/English ticket router), now an ML lead at
a public-transport app (tram-arrival model, an LLM that answers travellers). Laconic, dry,
understated Finnish English, short sentences, long silences, few fillers except "well", "so",
"yeah", "kind of", "no but"; money in euros ("maybe one point two million euros a year"),
changes as "it dropped from eleven to four percent", "roughly a third of what it was", "before,
one tram in eight was shown wrong", "we cut it in half"; "I was responsible", "I said we should"
for his part, "we" for the team; lessons as "what I would do differently"; names a principle
rarely and dryly ("I suppose that is Dive Deep"), uses principle words loosely ("we are not very
customer obsessed people", "deliver results, as they say")."""),
 86: ('valentina', """Valentina, 34, Chilean, from Antofagasta, works in Santiago; first an analyst
at a lithium plant (brine-evaporation forecast, a pump-vibration alarm), then a data scientist at
a retailer (credit-card default model, a Spanish/English review tagger), now an ML engineer at a
wine-export marketplace (shipping-delay model, an LLM that answers importers). Fast, warm,
chatty Chilean English with Spanish turns: "so", "like", "o sea", "you know", "the thing is",
"super", "cachai" now and then, asides about her team; money in pesos and dollars ("like eight
hundred million pesos, so almost a million dollars"), changes as "it went from like twenty-two
percent to nine", "we cut it by more than half", "before, one box in five arrived broken",
"three times faster"; "I was in charge", "I pushed for" for her part, "we" a lot; lessons as
"what I learned"; names a principle with enthusiasm ("that's super Customer Obsession"), uses
principle words loosely ("we had a huge bias for action, like, too much"))."""),
}
for n, (pid, p) in personas.items():
    t = head + '## Persona\n' + p + '\n## What to write' + tail
    t = t.replace('dariga-01', f'{pid}-01').replace('dariga-36', f'{pid}-36')
    assert 'dariga' not in t.lower(), t
    t = t.replace('round81', f'round{n}')
    (dst/f'WRITER{n}_BRIEF.md').write_text(t)
for f in ['LABELLER_BRIEF.md', 'LABELS.md']:
    (dst/f).write_text(fix((src/f).read_text()))
h = fix((src/'HEAR57_WRITER_BRIEF.md').read_text())
h = h.replace("Laos (Luang Prabang), Ghana (Takoradi), Rwanda (Musanze), Uruguay (Salto),\nRomania (Iasi)",
              "Vietnam (Da Nang), Zambia (Lusaka), Peru (Cusco), Estonia (Tartu),\nSri Lanka (Jaffna)")
h = h.replace('hear57', 'hear58').replace('evaldata18 … /work/evaldata57', 'evaldata18 … /work/evaldata57')
assert 'Jaffna' in h and 'hear57' not in h and 'evaldata57/hear' not in h
(dst/'HEAR58_WRITER_BRIEF.md').write_text(h)
def persona(t, p):
    i = t.index('- Persona:'); j = t.index('  Write your own answers', i)
    return t[:i] + '- Persona: ' + p.strip() + '\n' + t[j:]
qa = {
 'qa148': ('qa142', """Hoang, 33, Vietnamese, from Hue, works in Ho Chi Minh City; first an analyst at
  a shrimp farm (harvest-size forecast, a water-oxygen alarm), then a data scientist at a
  bank (motorbike-loan scoring, a Vietnamese/English chat tagger), now an ML engineer at a
  ride-hailing app (pickup-time model, an LLM for driver support); soft-spoken, careful,
  hesitant English that stalls before key words: "uh", "um", "ah", "so", "how to say",
  runs of "uh, uh, uh", restarts ("we deploy- we deployed"), doubled words ("the, the",
  "and, and"), long pauses before numbers, a fast run of words after a pause."""),
 'qa149': ('qa143', """Dimitra, 41, Greek, from Larissa, works in Athens; first an engineer at a
  cotton gin (bale-quality forecast, a lint-fire alarm), then a data scientist at an insurer
  (car-claim fraud model, a Greek/English complaint router), now an ML lead at a ferry-booking
  platform (no-show forecast, an LLM that answers passengers); animated, direct English with
  Greek turns: "so", "look", "basically", "let's say", "more or less", results sometimes before
  the context, numbers in euros ("around one point five million euros"), changes as "it went
  down by seven points", "it dropped to a quarter", "before, one booking in six was a
  no-show"; "I was responsible for", "I insisted" for her part, "we" for the team; lessons as
  "what I kept from it"; names a principle once, uses others loosely."""),
 'qa150': ('qa144', """Tendai, 39, Zimbabwean, from Bulawayo, works in Harare; first an analyst at a
  platinum mine (drill-bit wear forecast, a conveyor-fire alarm), then a data scientist at a
  mobile-money company (agent-fraud model, a Shona/Ndebele/English SMS tagger), now head of ML at
  a farm-inputs marketplace (maize-yield model, an LLM that answers farmers); measured, formal
  English: "so", "indeed", "you see", money in US dollars and ZiG ("around two million ZiG, so
  about seventy thousand dollars"), changes as "it went down from 19 to 7 percent", "we halved
  it", "before, one order in three was delayed", retells stories with corrected figures
  ("sorry, it was 21, not 19"); "I led it", "I decided" for his part; lessons as "my lesson";
  names a principle when he means it."""),
}
for new, (old, p) in qa.items():
    t = fix((src/f'{old.upper()}_BRIEF.md').read_text())
    t = t.replace(old.upper(), new.upper()).replace(old, new)
    t = persona(t, p)
    assert old not in t and old.upper() not in t, old
    (dst/f'{new.upper()}_BRIEF.md').write_text(t)
