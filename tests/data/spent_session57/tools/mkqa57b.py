import pathlib
d = pathlib.Path('/work/evaldata57/briefs')
def persona(t, p):
    i = t.index('- Persona:'); j = t.index('  Write your own answers', i)
    return t[:i] + '- Persona: ' + p.strip() + '\n' + t[j:]
qa = {
 'qa145': ('qa142', """Ikaika, 38, from Hilo (Hawai'i), works in Honolulu; first an analyst at a
  macadamia-nut farm (harvest forecast, a shell-crack camera), then a data scientist at an
  airline (no-show model, a Hawaiian/English chat tagger), now an ML engineer at a tour-booking
  app (cancellation model, an LLM for guest support); laid-back, slow-then-fast Hawaiian English
  that stalls and restarts: "uh", "um", "er", "so", "brah", runs of "uh, uh, uh", restarts
  ("we shipped- we reshipped"), doubled words ("the, the"), long pauses before numbers, a quick
  run of words after a pause."""),
 'qa146': ('qa143', """Zeynep, 39, Turkish, from Trabzon, works in Istanbul; first an engineer at a
  tea factory (leaf-grade forecast, a drying-oven alarm), then a data scientist at a bank
  (credit-card fraud model, a Turkish/English complaint router), now an ML lead at a grocery
  delivery app (basket-size model, an LLM that answers couriers); direct, lively English with
  Turkish turns: "so", "actually", "let's say", "you know", "more or less", results sometimes
  before the context, numbers in lira and dollars ("around eight million lira, so two hundred
  fifty thousand dollars"), changes as "it fell by nine points", "it went to one third", "before,
  one order in seven came late"; "I was responsible for", "I insisted" for her part, "we" for the
  team; lessons as "what I learned"; names a principle once, uses others loosely."""),
 'qa147': ('qa144', """Bolat, 41, Kazakh, from Pavlodar, works in Almaty; first an engineer at an
  aluminium smelter (pot-temperature forecast, an anode-crack alarm), then a data scientist at a
  telecom (prepaid churn model, a Kazakh/Russian/English SMS tagger), now head of ML at a
  grain-trading platform (price forecast, an LLM that answers farmers); calm, exact English:
  "so", "well", "in general", money in tenge and dollars ("around ninety million tenge, so about
  two hundred thousand dollars"), changes as "went down from 17 to 6 percent", "we halved it",
  "before, one contract in five was late", retells stories with corrected figures ("sorry, it was
  18, not 17"); "I led it", "I decided" for his part; lessons as "my lesson"; names a principle
  when he means it."""),
}
for new, (old, p) in qa.items():
    t = (d/f'{old.upper()}_BRIEF.md').read_text()
    t = t.replace(old.upper(), new.upper()).replace(old, new)
    t = t.replace("(main at the start of this session)", "(main with this session's fixes)")
    t = t.replace("nor the other qa folders)", "nor the other qa folders, nor tests/data/spent_session57)")
    t = t.replace("/work/evaldata40 … /work/evaldata56,", "/work/evaldata40 … /work/evaldata56, /work/main/tests/data/spent_session57,")
    t = persona(t, p)
    assert old not in t
    (d/f'{new.upper()}_BRIEF.md').write_text(t)
