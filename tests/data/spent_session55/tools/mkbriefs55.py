import pathlib
src = pathlib.Path('/work/evaldata54/briefs'); dst = pathlib.Path('/work/evaldata55/briefs')
def fix(t):
    t = t.replace('/work/evaldata40 … /work/evaldata53', '/work/evaldata40 … /work/evaldata54')
    t = t.replace('/work/evaldata18 … /work/evaldata53', '/work/evaldata18 … /work/evaldata54')
    t = t.replace('including spent_session53', 'including spent_session54')
    t = t.replace('/work/evaldata54', '/work/evaldata55').replace('/work/evaldata40 … /work/evaldata55', '/work/evaldata40 … /work/evaldata54').replace('/work/evaldata18 … /work/evaldata55', '/work/evaldata18 … /work/evaldata54')
    t = t.replace('round72, round73, round74, hear54', 'round75, round76, round77, hear55')
    return t
w = fix((src/'WRITER72_BRIEF.md').read_text())
head, rest = w.split('## Persona\n', 1)
_, tail = rest.split('## What to write', 1)
personas = {
 75: ('paola', """Paola, 42, Ecuadorian, from Cuenca, works in Quito; first an analyst at a flower
exporter (rose-rejection forecast, a stem-length photo check), then a data scientist at a bank
(remittance-default model, a Spanish/Kichwa call tagger), now an ML lead at a ride-hailing app
(surge-price model, an LLM that answers drivers). Lively, fast, Andean Spanish English: "so, look",
"the thing is", "no?", "super" as intensifier ("super slow"), "a little bit", tells the result first
and then goes back to the context; money in dollars ("like two hundred K a year"); changes as
"we went from almost a third to like eight percent", "it was double before", "one in four rides
was cancelled before we started", "cut it by half more or less"; "I led", "I pushed for" for her
part, "my team" a lot; lessons as "what I learned, and I still use this"; names a principle
when asked ("for me this is Dive Deep"), uses principle words loosely ("we had to be super frugal",
"earn the trust of the drivers")."""),
 76: ('victor', """Victor, 47, Moldovan, from Balti, works in Chisinau; first an engineer at a wine
plant (fermentation-temperature alarm, a bottle-fill check), then a data scientist at a telecom
(prepaid-churn model, a Romanian/Russian SMS spam filter), now head of data at an e-commerce
marketplace (delivery-time promise model, an LLM that writes seller listings). Slow, careful,
precise Romanian-Russian English: "so", "well", "let me say it correctly", "in principle",
"exactly", articles dropped ("we had problem with model"), numbers with decimals ("from 4.3 days to
2.9 days"), money in lei and euros ("around two million lei, this is one hundred thousand euro"),
changes as "decreased on one third", "was every third order late", "grew two times"; says "I
proposed", "I was responsible" for his part, sometimes "we" for everything; lessons as "my
conclusion"; names a principle flatly ("this is Frugality"), uses principle words loosely
("highest standards of the data", "think big about the warehouse")."""),
 77: ('aline', """Aline, 35, Rwandan, from Huye, works in Kigali; first an analyst at a coffee
cooperative (cherry-price forecast, a bean-grade photo check), then a data scientist at a
mobile-money company (agent-liquidity forecast, a Kinyarwanda/English/French SMS classifier), now
an ML lead at a health-insurance startup (claim-fraud model, an LLM that answers members on
WhatsApp). Calm, precise, polite Rwandan English with French touches: "so", "you know", "actually",
"in fact", "eh", "let me explain", "at the level of", long careful context; money in francs and
dollars ("about fifty million francs, that is around forty thousand dollars"); changes as "it
reduced to almost half", "from twenty-one to nine percent", "before, nearly one claim in six was
paid twice"; "it was my role to", "I made sure" for her part, "we" when the team did it; lessons
as "what I took away"; names a principle now and then ("I think of Customer Obsession here"), uses
principle words loosely ("we insisted on high standards for the photos", "own the numbers")."""),
}
for n, (pid, p) in personas.items():
    t = head + '## Persona\n' + p + '\n## What to write' + tail
    t = t.replace('ana-01', f'{pid}-01').replace('ana-36', f'{pid}-36')
    assert 'ana-0' not in t and 'Ana,' not in t
    (dst/f'WRITER{n}_BRIEF.md').write_text(t)
for f in ['LABELLER_BRIEF.md', 'LABELS.md']:
    (dst/f).write_text(fix((src/f).read_text()))
h = fix((src/'HEAR54_WRITER_BRIEF.md').read_text())
h = h.replace("Cameroon (Douala), Croatia (Split), Bolivia (La Paz), Jordan (Amman),\nCanada (St. John's, Newfoundland)",
              "Namibia (Windhoek), Kyrgyzstan (Bishkek), Malta (Valletta), Papua New Guinea (Port\nMoresby), Norway (Tromso)")
h = h.replace('hear54', 'hear55')
assert 'Windhoek' in h
(dst/'HEAR55_WRITER_BRIEF.md').write_text(h)
def qfix(t, old, new):
    t = fix(t).replace(old.upper(), new.upper()).replace(old, new)
    t = t.replace("(main with this session's first fixes)", "(main at the start of this session)")
    t = t.replace("(main with this session's fixes)", "(main at the start of this session)")
    t = t.replace("spent_session53)", "spent_session54)")
    return t
def persona(t, p):
    i = t.index('- Persona:'); j = t.index('  Write your own answers', i)
    return t[:i] + '- Persona: ' + p.strip() + '\n' + t[j:]
qa = {
 'qa130': ('qa121', """Goran, 39, Macedonian, from Bitola, works in Skopje; first a process engineer at a
  tobacco plant, then a data scientist at a bank (card-fraud alarm, a Macedonian/Albanian complaint
  tagger), now an ML lead at a food-delivery app (courier ETA model, an LLM for restaurant menus);
  quick, clipped Balkan English that speeds up and then stalls: "eee", "uh", "um", "so", "yani",
  "how to say", stacked fillers ("uh, um, uh"), doubled words ("the, the"), restarts ("we
  trained- we retrained"), long thinking pauses before numbers, a mumbled word now and then."""),
 'qa131': ('qa123', """Celeste, 40, Mozambican, from Beira, works in Maputo; first a hydrologist at a
  river authority (flood-level forecast, a rain-gauge fault alarm), then a data scientist at a
  mobile operator (airtime-credit default model, a Portuguese/Changana/English SMS tagger), now an
  ML lead at a cashew-export company (grading camera, an LLM that drafts buyer contracts); warm,
  measured Mozambican English with Portuguese turns: "so", "pronto", "you see", "in fact", "it was
  a bit complicated", results sometimes before the context, numbers in meticais and dollars
  ("around six million meticais, so a hundred thousand dollars"), changes as "it fell to almost a
  third", "from seventeen to six percent", "before, one truck in eight was rejected", "we doubled
  it"; "I was responsible for", "I insisted" for her part, "we" for the team; lessons as "what I
  carry from this"; names a principle once, uses others loosely."""),
 'qa132': ('qa125', """Rūta, 43, Lithuanian, from Kaunas, works in Vilnius; first an analyst at a dairy
  (milk-yield forecast, a packaging-leak check), then a data scientist at a telecom (roaming-fraud
  rule, a Lithuanian/Russian chat router), now head of ML at a parcel-locker company (locker-fill
  forecast, an LLM that answers courier questions); dry, exact, understated Baltic English: "so",
  "well", "let's say", "more or less", numbers in euros ("around one hundred eighty thousand euros
  per year"), changes as "dropped from 12 to 5 percent", "every fourth parcel came back before",
  "we cut it by two thirds", retells a story with corrected figures ("no, it was 14, not 12");
  "I decided" for her part; lessons as "my takeaway"; names a principle when she means it."""),
}
for new, (old, p) in qa.items():
    t = qfix((src/f'{old.upper()}_BRIEF.md').read_text(), old, new)
    t = persona(t, p)
    assert old not in t and old.upper() not in t, old
    (dst/f'{new.upper()}_BRIEF.md').write_text(t)
