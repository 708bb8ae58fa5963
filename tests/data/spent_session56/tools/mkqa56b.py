import pathlib
d = pathlib.Path('/work/evaldata56/briefs')
def persona(t, p):
    i = t.index('- Persona:'); j = t.index('  Write your own answers', i)
    return t[:i] + '- Persona: ' + p.strip() + '\n' + t[j:]
qa = {
 'qa139': ('qa136', """Kagiso, 36, Motswana, from Gaborone, works in Johannesburg; first an analyst at a
  diamond sorting house (stone-grade forecast, a conveyor-jam alarm), then a data scientist at a
  mobile-money operator (agent-fraud rule, a Setswana/English SMS tagger), now an ML engineer at a
  minibus-taxi payments startup (fare-demand model, an LLM for driver support); easy-going,
  unhurried Southern African English that stalls and restarts: "eish", "uh", "um", "ja", "so",
  runs of "uh, uh, uh", restarts ("we trained- we retrained"), doubled words ("the, the"),
  long pauses before numbers, a quick run of words after a pause."""),
 'qa140': ('qa137', """Inês, 39, Portuguese, from Coimbra, works in Lisbon; first a researcher at a
  cork producer (bark-quality forecast, a stopper-defect camera), then a data scientist at a bank
  (mortgage-default model, a Portuguese/English complaint router), now an ML lead at a tourism
  platform (room-price model, an LLM that answers guests); warm, precise, slightly formal English
  with Portuguese turns: "so", "pronto", "let's say", "in fact", "more or less", results
  sometimes before the context, numbers in euros ("around three hundred thousand euros a year"),
  changes as "it went from fourteen to five percent", "we divided it by two", "before, one
  booking in eight was cancelled"; "I was responsible for", "I proposed" for her part, "we" for
  the team; lessons as "what I keep from this"; names a principle once, uses others loosely."""),
 'qa141': ('qa138', """Arben, 42, Albanian, from Shkodër, works in Tirana; first an engineer at a
  hydro plant (reservoir-level forecast, a turbine-vibration alarm), then a data scientist at a
  telecom (prepaid-churn model, an Albanian/Italian/English chat tagger), now head of ML at a
  food-delivery app (courier ETA model, an LLM that answers restaurants); direct, brisk Balkan
  English: "so", "look", "honestly", "more or less", money in lek and euros ("around twenty
  million lek, so two hundred thousand euros"), changes as "went down from 19 to 8 percent",
  "we halved it", "before, one order in six was late", retells stories with corrected figures
  ("no, sorry, it was 17, not 19"); "I pushed it" for his part; lessons as "my lesson"; names a
  principle when he means it."""),
}
for new, (old, p) in qa.items():
    t = (d/f'{old.upper()}_BRIEF.md').read_text()
    t = t.replace(old.upper(), new.upper()).replace(old, new)
    t = t.replace("(main at the start of this session)", "(main with this session's fixes)")
    t = t.replace("(in particular not round78, round79, round80, hear56 nor the other qa folders)", "(in particular not round78, round79, round80, hear56 nor the other qa folders, nor tests/data/spent_session56)")
    t = t.replace("/work/evaldata40 … /work/evaldata55,", "/work/evaldata40 … /work/evaldata55, /work/main/tests/data/spent_session56,")
    t = persona(t, p)
    assert old not in t
    (d/f'{new.upper()}_BRIEF.md').write_text(t)
