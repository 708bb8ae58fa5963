import pathlib
src = pathlib.Path('/work/evaldata55/briefs'); dst = pathlib.Path('/work/evaldata56/briefs')
def fix(t):
    t = t.replace('/work/evaldata40 … /work/evaldata54', '/work/evaldata40 … /work/evaldata55')
    t = t.replace('/work/evaldata18 … /work/evaldata54', '/work/evaldata18 … /work/evaldata55')
    t = t.replace('including spent_session54', 'including spent_session55')
    t = t.replace('/work/evaldata55/', '/work/evaldata56/').replace('/work/evaldata55 ', '/work/evaldata56 ').replace('/work/evaldata55)', '/work/evaldata56)').replace('/work/evaldata55\n', '/work/evaldata56\n')
    t = t.replace('round75, round76, round77, hear55', 'round78, round79, round80, hear56')
    t = t.replace('other folders of /work/evaldata55', 'other folders of /work/evaldata56').replace('other folders of\n  /work/evaldata55', 'other folders of\n  /work/evaldata56')
    t = t.replace('any /work/evaldata55 file', 'any /work/evaldata56 file').replace('other files in /work/evaldata55', 'other files in /work/evaldata56')
    return t
w = fix((src/'WRITER75_BRIEF.md').read_text())
head, rest = w.split('## Persona\n', 1)
_, tail = rest.split('## What to write', 1)
personas = {
 78: ('farhan', """Farhan, 44, Pakistani, from Sialkot, works in Lahore; first an engineer at a
sports-goods factory (football-stitching defect check, a leather-cutting waste forecast), then a
data scientist at a bank (branch cash-demand forecast, an Urdu/Punjabi/English complaint tagger),
now an ML lead at a grocery-delivery app (basket-substitution model, an LLM that answers riders).
Warm, talkative, fast Pakistani English: "basically", "actually", "what happened was", "isn't it",
"so the thing is", "one thing more", long run-on sentences, numbers in rupees and lakhs/crores
("around two crore rupees, roughly seventy thousand dollars"), changes as "it came down to almost
half", "from eleven to four percent", "earlier every fifth order had a missing item", "it became
three times"; "I took it up", "I made sure" for his part, "we" a lot; lessons as "what I learnt
from this"; names a principle now and then ("this was pure Ownership"), uses principle words
loosely ("customer is king, so customer obsession", "we had to be frugal with GPUs")."""),
 79: ('ximena', """Ximena, 36, Bolivian, from Cochabamba, works in Santa Cruz; first an analyst at a
dairy cooperative (milk-collection route forecast, a cheese-ripeness photo check), then a data
scientist at a microfinance bank (loan-default model, a Spanish/Quechua voice-note tagger), now an
ML lead at a soy-export company (yield forecast from satellite images, an LLM that drafts export
paperwork). Quick, direct, slightly blunt Bolivian Spanish English: "so", "okay so", "basically",
"ya", "the problem was", "right?", short sentences then a long one; money in bolivianos and
dollars ("like three million bolivianos, four hundred thousand dollars more or less"); changes as
"we lowered it from fifteen to six", "before it was almost one of every three", "it went down a
lot, like sixty percent less", "it doubled"; "I decided", "I convinced my boss" for her part;
lessons as "what I keep from this"; names a principle flatly when she means it ("that is Bias for
Action"), uses principle words loosely ("we had to dive deep into the data", "think big")."""),
 80: ('chisomo', """Chisomo, 39, Malawian, from Blantyre, works in Lilongwe; first an agronomist at a
tea estate (leaf-yield forecast, a withering-room temperature alarm), then a data scientist at a
mobile operator (airtime-loan default model, a Chichewa/English SMS classifier), now an ML lead at
a solar-home-system company (payment-default model for pay-as-you-go customers, an LLM that
answers customers by SMS). Soft-spoken, careful, formal Malawian English: "so", "you see",
"indeed", "let me put it this way", "to be honest", "in short", tells the context at length; money
in kwacha and dollars ("about one hundred million kwacha, around sixty thousand dollars");
changes as "it reduced by almost a half", "from twenty-two percent to nine percent", "previously
one customer in five would default", "it went up two times"; "I was tasked to", "I took the
lead" for his part, "the team" when others did it; lessons as "the lesson for me"; names a
principle when he means it ("I would say Earn Trust"), uses principle words loosely ("we had
to be customer obsessed", "highest standards for the data")."""),
}
for n, (pid, p) in personas.items():
    t = head + '## Persona\n' + p + '\n## What to write' + tail
    t = t.replace('paola-01', f'{pid}-01').replace('paola-36', f'{pid}-36')
    assert 'paola' not in t and 'Paola' not in t
    (dst/f'WRITER{n}_BRIEF.md').write_text(t)
for f in ['LABELLER_BRIEF.md', 'LABELS.md']:
    (dst/f).write_text(fix((src/f).read_text()))
h = fix((src/'HEAR55_WRITER_BRIEF.md').read_text())
h = h.replace("Namibia (Windhoek), Kyrgyzstan (Bishkek), Malta (Valletta), Papua New Guinea (Port\nMoresby), Norway (Tromso)",
              "Myanmar (Mandalay), Kenya (Mombasa), Bhutan (Thimphu), the Philippines (Iloilo),\nMontenegro (Podgorica)")
h = h.replace('hear55', 'hear56')
assert 'Mandalay' in h, h[:2000]
(dst/'HEAR56_WRITER_BRIEF.md').write_text(h)
def qfix(t, old, new):
    t = fix(t).replace(old.upper(), new.upper()).replace(old, new)
    return t
def persona(t, p):
    i = t.index('- Persona:'); j = t.index('  Write your own answers', i)
    return t[:i] + '- Persona: ' + p.strip() + '\n' + t[j:]
qa = {
 'qa136': ('qa130', """Jomar, 34, Filipino, from Davao, works in Manila; first an analyst at a banana
  exporter (shipment-reject forecast, a bruise-detection camera), then a data scientist at a BPO
  (call-deflection model, a Tagalog/Cebuano/English ticket tagger), now an ML engineer at an
  e-wallet (fraud-ring graph model, an LLM for merchant support); friendly, quick Filipino
  English that hesitates mid-sentence: "uh", "um", "ah", "like", "so yeah", "diba", "parang",
  runs of "uh, uh, uh", restarts ("we deployed- we redeployed"), doubled words ("the, the",
  "and, and"), long pauses before numbers, sudden fast stretches."""),
 'qa137': ('qa131', """Khadijetou, 41, Mauritanian, from Nouakchott, works in Dakar; first a
  statistician at a fisheries office (octopus-catch forecast, a fish-freshness photo check), then
  a data scientist at a mobile operator (prepaid churn model, an Arabic/French/Wolof SMS tagger),
  now an ML lead at a logistics firm (port-congestion forecast, an LLM that drafts customs
  declarations); composed, formal English with French turns: "so", "in fact", "let us say",
  "voilà", "it is important to say", results sometimes before the context, numbers in ouguiya,
  CFA francs and dollars ("around sixty million CFA, so about one hundred thousand dollars"),
  changes as "it passed from twenty to eight percent", "divided by three", "before, one container
  in seven waited more than five days"; "I was in charge of", "I proposed" for her part, "we" for
  the team; lessons as "what I retain"; names a principle once, uses others loosely."""),
 'qa138': ('qa132', """Itzel, 38, Mexican, from Oaxaca, works in Mexico City; first an analyst at a
  mezcal distillery (agave-harvest forecast, a bottle-label check), then a data scientist at a
  bank (credit-card churn model, a Spanish/Zapotec voice-note tagger), now head of ML at a
  last-mile delivery startup (delivery-window promise model, an LLM that answers couriers); lively,
  exact Mexican English: "so", "okay", "the thing is", "pues", "more or less", money in pesos and
  dollars ("around three million pesos, like one hundred seventy thousand dollars"), changes as
  "went down from 14 to 6 percent", "we cut it in half", "before, one order in five arrived late",
  retells stories with corrected figures ("no wait, it was 16, not 14"); "I led it", "I decided"
  for her part; lessons as "my learning"; names a principle when she means it."""),
}
for new, (old, p) in qa.items():
    t = qfix((src/f'{old.upper()}_BRIEF.md').read_text(), old, new)
    t = persona(t, p)
    assert old not in t and old.upper() not in t, old
    (dst/f'{new.upper()}_BRIEF.md').write_text(t)
